namespace Weir.ProxyWasm;

/// <summary>A response a filter generated itself (<c>proxy_send_local_response</c>), or the host did for a failed filter.</summary>
public sealed class LocalResponse
{
    /// <summary>Creates a local response.</summary>
    public LocalResponse(int statusCode, string details, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>> headers, int? grpcStatus)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        Details = details;
        Body = body;
        Headers = headers;
        GrpcStatus = grpcStatus;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Why the response was generated (Envoy's response code details, whitespace replaced by underscores), for logs.</summary>
    public string Details { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Headers to add to the response.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The gRPC status (0–16) when the filter answered a gRPC request, otherwise null.</summary>
    public int? GrpcStatus { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body.Span);

    /// <summary>The response a fail-closed plugin gives when its filter fails (503, details <c>wasm_fail_stream</c>).</summary>
    internal static LocalResponse ForFailedFilter() =>
        new(503, "wasm_fail_stream", "Service Unavailable\n"u8.ToArray(), [new("content-type", "text/plain")], null);
}
