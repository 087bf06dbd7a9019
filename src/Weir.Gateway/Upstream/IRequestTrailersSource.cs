namespace Weir.Gateway.Upstream;

/// <summary>
/// Request content with trailers to send after its body. HttpClient has no way to send request trailers;
/// <see cref="Http11UpstreamHandler"/> asks content implementing this once the body was written and sends
/// what it gets in the chunked trailer section. A body sent with a Content-Length cannot carry trailers,
/// so they are only asked for when the body goes chunked.
/// </summary>
internal interface IRequestTrailersSource
{
    /// <summary>The trailers (names and values; empty when there are none), asked once, after the body was written.</summary>
    IEnumerable<KeyValuePair<string, string>> GetTrailers();
}
