namespace Weir.ProxyWasm;

/// <summary>An HTTP request a filter sends to an upstream with <c>proxy_http_call</c>.</summary>
public sealed class HttpCalloutRequest
{
    /// <summary>Creates a request.</summary>
    public HttpCalloutRequest(string upstream, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>> trailers, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(trailers);
        Upstream = upstream;
        Headers = headers;
        Body = body;
        Trailers = trailers;
        Timeout = timeout;
    }

    /// <summary>The upstream (cluster) name.</summary>
    public string Upstream { get; }

    /// <summary>The headers, including the pseudo-headers <c>:method</c>, <c>:path</c> and <c>:authority</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The trailers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers { get; }

    /// <summary>How long the filter is willing to wait, or null for no limit. The host also enforces it.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The <c>:method</c> pseudo-header.</summary>
    public string Method => Find(":method") ?? "GET";

    /// <summary>The <c>:path</c> pseudo-header.</summary>
    public string Path => Find(":path") ?? "/";

    /// <summary>The <c>:authority</c> pseudo-header.</summary>
    public string Authority => Find(":authority") ?? string.Empty;

    /// <summary>The first value of a header, or null.</summary>
    public string? Find(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
