namespace Weir.Gateway.Upstream;

/// <summary>What writing a request head noticed about the request, for sending its body and reading its answer.</summary>
[Flags]
internal enum RequestHeadFlags
{
    None = 0,

    /// <summary>The request asks for <c>Expect: 100-continue</c>: its body waits for the interim answer.</summary>
    ExpectContinue = 1,

    /// <summary>The request says <c>Connection: close</c>: the connection ends after this exchange.</summary>
    Close = 2,

    /// <summary>The body goes chunked (its length is not known), so it may end with trailers.</summary>
    Chunked = 4,

    /// <summary>A HEAD request: the response has no body whatever its headers say.</summary>
    Head = 8,
}
