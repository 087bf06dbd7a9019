namespace Weir.Gateway.Configuration;

/// <summary>Which HTTP versions a listener speaks to clients (cleartext: HTTP/2 by prior knowledge).</summary>
internal enum ListenerProtocols
{
    /// <summary>HTTP/1.1, and HTTP/2 when the client starts with the HTTP/2 preface.</summary>
    Http1AndHttp2,

    /// <summary>HTTP/1.1 only.</summary>
    Http1,

    /// <summary>HTTP/2 only (prior knowledge).</summary>
    Http2,
}
