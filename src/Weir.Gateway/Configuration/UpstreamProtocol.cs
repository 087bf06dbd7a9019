namespace Weir.Gateway.Configuration;

/// <summary>The HTTP version a cluster speaks to its endpoints.</summary>
internal enum UpstreamProtocol
{
    /// <summary>HTTP/1.1 with pooled keep-alive connections.</summary>
    Http1,

    /// <summary>HTTP/2; over <c>http://</c> by prior knowledge (h2c).</summary>
    Http2,
}
