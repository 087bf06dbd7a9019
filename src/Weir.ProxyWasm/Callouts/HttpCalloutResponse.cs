using System.Globalization;

namespace Weir.ProxyWasm;

/// <summary>An upstream's answer to an HTTP callout.</summary>
public sealed class HttpCalloutResponse
{
    /// <summary>Creates a response; <paramref name="headers"/> should include <c>:status</c>, which is added from <paramref name="statusCode"/> when missing.</summary>
    public HttpCalloutResponse(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>>? trailers = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        Headers = headers.Any(header => header.Key == ":status")
            ? headers
            : [new(":status", statusCode.ToString(CultureInfo.InvariantCulture)), .. headers];
        Body = body;
        Trailers = trailers ?? [];
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The headers, <c>:status</c> first.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The trailers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers { get; }
}
