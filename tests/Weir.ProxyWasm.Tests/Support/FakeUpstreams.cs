using System.Collections.Concurrent;
using System.Text;
using Weir.ProxyWasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>Named in-memory upstreams for HTTP callouts, recording what filters send them.</summary>
internal sealed class FakeUpstreams : IHttpCalloutDispatcher
{
    private readonly ConcurrentDictionary<string, Func<HttpCalloutRequest, CancellationToken, ValueTask<HttpCalloutResponse>>> _handlers = new(StringComparer.Ordinal);

    public ConcurrentQueue<HttpCalloutRequest> Requests { get; } = new();

    public FakeUpstreams Add(string upstream, Func<HttpCalloutRequest, HttpCalloutResponse> handler)
    {
        _handlers[upstream] = (request, _) => ValueTask.FromResult(handler(request));
        return this;
    }

    public FakeUpstreams Add(string upstream, Func<HttpCalloutRequest, CancellationToken, ValueTask<HttpCalloutResponse>> handler)
    {
        _handlers[upstream] = handler;
        return this;
    }

    public static HttpCalloutResponse Text(int status, string body, params KeyValuePair<string, string>[] headers) =>
        new(status, headers, Encoding.UTF8.GetBytes(body));

    public bool IsKnownUpstream(string upstream) => _handlers.ContainsKey(upstream);

    public ValueTask<HttpCalloutResponse> SendAsync(HttpCalloutRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return _handlers[request.Upstream](request, cancellationToken);
    }
}
