namespace Weir.Gateway.Upstream;

/// <summary>How the end of a response body is found (RFC 9112 §6.3).</summary>
internal enum BodyFraming
{
    /// <summary>No body: HEAD, 1xx, 204, 304, or <c>Content-Length: 0</c>.</summary>
    None,

    /// <summary>Exactly <c>Content-Length</c> bytes.</summary>
    Length,

    /// <summary>Chunked transfer coding, ending with a zero-size chunk and a trailer section.</summary>
    Chunked,

    /// <summary>Everything until the server closes the connection (no length given); the connection is not reused.</summary>
    UntilClose,
}
