namespace Weir.ProxyWasm.Hosting;

/// <summary>A finished HTTP callout as <c>proxy_on_http_call_response</c> exposes it (maps 6 and 7, buffer 4, <c>proxy_get_status</c>).</summary>
internal sealed class CompletedCallout
{
    private CompletedCallout(int callId, HeaderMap headers, ReadOnlyMemory<byte> body, HeaderMap trailers, ProxyStatus status, string message)
    {
        CallId = callId;
        Headers = headers;
        Body = body;
        Trailers = trailers;
        Status = status;
        Message = message;
    }

    public int CallId { get; }

    public HeaderMap Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public HeaderMap Trailers { get; }

    /// <summary>What <c>proxy_get_status</c> reports: OK, or BROKEN_CONNECTION as Envoy after a reset or timeout.</summary>
    public ProxyStatus Status { get; }

    public string Message { get; }

    public bool Succeeded => Status == ProxyStatus.Ok;

    public static CompletedCallout FromResponse(int callId, HttpCalloutResponse response) =>
        new(callId, new HeaderMap(response.Headers), response.Body, new HeaderMap(response.Trailers), ProxyStatus.Ok, string.Empty);

    public static CompletedCallout Failure(int callId, string message) =>
        new(callId, new HeaderMap(), default, new HeaderMap(), ProxyStatus.BrokenConnection, message);
}
