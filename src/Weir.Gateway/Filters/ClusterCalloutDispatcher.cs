using Weir.Gateway.Forwarding;
using Weir.Gateway.Hosting;
using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>
/// Sends filters' <c>proxy_http_call</c> callouts to the cluster they name, in the configuration version
/// active when the call is made: an endpoint is picked by the cluster's load balancer and the connection
/// comes from the cluster's pool.
/// </summary>
internal sealed class ClusterCalloutDispatcher : IHttpCalloutDispatcher
{
    /// <summary>Callout answers are buffered whole for the filter; larger ones fail the call.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    private readonly SnapshotHolder _snapshots;

    public ClusterCalloutDispatcher(SnapshotHolder snapshots)
    {
        _snapshots = snapshots;
    }

    public bool IsKnownUpstream(string upstream) => _snapshots.Current?.Clusters.ContainsKey(upstream) == true;

    public async ValueTask<HttpCalloutResponse> SendAsync(HttpCalloutRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The answer goes to the filter's callback next: never from a socket I/O thread.
            await IoThreads.LeaveAsync();
        }
    }

    private async ValueTask<HttpCalloutResponse> SendCoreAsync(HttpCalloutRequest request, CancellationToken cancellationToken)
    {
        var snapshot = _snapshots.Acquire() ?? throw new HttpRequestException("the gateway is not running");
        try
        {
            if (!snapshot.Clusters.TryGetValue(request.Upstream, out var cluster))
            {
                throw new HttpRequestException($"no cluster named '{request.Upstream}'");
            }

            var endpoint = cluster.Pick(null) ?? throw new HttpRequestException($"cluster '{request.Upstream}' has no healthy endpoint");
            var path = request.Path.StartsWith('/') ? request.Path : "/" + request.Path;
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(endpoint.Address + path, UriKind.Absolute))
            {
                Version = cluster.Version,
                VersionPolicy = cluster.VersionPolicy,
            };
            if (!request.Body.IsEmpty)
            {
                message.Content = new ReadOnlyMemoryContent(request.Body);
            }

            foreach (var (name, value) in request.Headers)
            {
                if (name.StartsWith(':') || HopByHopHeaders.IsHopByHop(name))
                {
                    continue;
                }

                if (!message.Headers.TryAddWithoutValidation(name, value))
                {
                    message.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            message.Headers.Host = request.Authority.Length > 0 ? request.Authority : endpoint.Authority;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (request.Timeout is { } limit && limit > TimeSpan.Zero)
            {
                timeout.CancelAfter(limit);
            }

            endpoint.RequestStarted();
            try
            {
                using var response = await cluster.Invoker.SendAsync(message, timeout.Token).ConfigureAwait(false);
                var body = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
                return new HttpCalloutResponse((int)response.StatusCode, Headers(response), body, Trailers(response));
            }
            finally
            {
                endpoint.RequestFinished();
            }
        }
        finally
        {
            snapshot.Release();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new HttpRequestException($"the callout's answer is larger than {MaxResponseBytes} bytes");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    throw new HttpRequestException($"the callout's answer is larger than {MaxResponseBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static List<KeyValuePair<string, string>> Headers(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            Add(headers, name, values);
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            Add(headers, name, values);
        }

        return headers;
    }

    private static List<KeyValuePair<string, string>> Trailers(HttpResponseMessage response)
    {
        var trailers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.TrailingHeaders.NonValidated)
        {
            Add(trailers, name, values);
        }

        return trailers;
    }

    private static void Add(List<KeyValuePair<string, string>> target, string name, System.Net.Http.Headers.HeaderStringValues values)
    {
        if (HopByHopHeaders.IsHopByHop(name))
        {
            return;
        }

        var lower = name.ToLowerInvariant();
        foreach (var value in values)
        {
            target.Add(new KeyValuePair<string, string>(lower, value));
        }
    }
}
