using System.Net;
using Microsoft.Extensions.Logging;
using Weir.Gateway.Configuration;
using Weir.Gateway.Metrics;
using Weir.Gateway.Upstream;

namespace Weir.Gateway.Clusters;

/// <summary>
/// A running cluster: its endpoints and their health, the load balancer, and one pooled HTTP connection
/// handler for all its endpoints. Reloads that keep a cluster's definition keep this object, so connection
/// pools and health survive them; it is disposed once no configuration in use refers to it.
/// </summary>
internal sealed class ClusterRuntime : IAsyncDisposable
{
    private readonly LoadBalancer _balancer;
    private readonly HealthChecker? _healthChecker;
    private readonly ILogger _logger;
    private volatile UpstreamEndpoint[] _healthy;

    public ClusterRuntime(ClusterDefinition definition, ClusterStatistics statistics, ILogger logger)
    {
        Definition = definition;
        Statistics = statistics;
        _logger = logger;
        Endpoints = definition.Endpoints.Select(address => new UpstreamEndpoint(address)).ToArray();
        _healthy = Endpoints;
        _balancer = LoadBalancer.Create(definition.LoadBalancing);
        Invoker = new HttpMessageInvoker(CreateHandler(definition), disposeHandler: true);
        (Version, VersionPolicy) = definition.Protocol == UpstreamProtocol.Http2
            ? (HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact)
            : (HttpVersion.Version11, HttpVersionPolicy.RequestVersionOrLower);
        if (definition.HealthCheck is { } check)
        {
            _healthChecker = new HealthChecker(this, check, logger);
        }
    }

    public ClusterDefinition Definition { get; }

    public string Name => Definition.Name;

    public ClusterStatistics Statistics { get; }

    public UpstreamEndpoint[] Endpoints { get; }

    /// <summary>The healthy endpoints now (replaced, never mutated, when health changes).</summary>
    public UpstreamEndpoint[] HealthyEndpoints => _healthy;

    public HttpMessageInvoker Invoker { get; }

    public Version Version { get; }

    public HttpVersionPolicy VersionPolicy { get; }

    public void Start() => _healthChecker?.Start();

    public UpstreamEndpoint? Pick(UpstreamEndpoint? exclude) => _balancer.Pick(_healthy, exclude);

    /// <summary>Called by the health checker after it changed an endpoint's health.</summary>
    public void HealthChanged(UpstreamEndpoint endpoint)
    {
        _healthy = Endpoints.Where(candidate => candidate.Healthy).ToArray();
        GatewayLog.EndpointHealthChanged(_logger, Name, endpoint.Address, endpoint.Healthy ? "healthy" : "unhealthy", endpoint.LastHealthCheckFailure ?? "checks pass");
    }

    public async ValueTask DisposeAsync()
    {
        if (_healthChecker is not null)
        {
            await _healthChecker.DisposeAsync().ConfigureAwait(false);
        }

        Invoker.Dispose();
    }

    /// <summary>
    /// Plain-http HTTP/1.1 clusters use the gateway's own upstream client (less work per request, and it can
    /// forward request trailers); https and h2c clusters use SocketsHttpHandler.
    /// </summary>
    private static HttpMessageHandler CreateHandler(ClusterDefinition definition) =>
        definition.Protocol == UpstreamProtocol.Http1 && definition.Endpoints.All(Http11UpstreamHandler.Supports)
            ? new Http11UpstreamHandler(new Http11UpstreamOptions(definition.ConnectTimeout, definition.IdleConnectionTimeout, definition.MaxConnectionsPerEndpoint))
            : CreateSocketsHandler(definition);

    private static SocketsHttpHandler CreateSocketsHandler(ClusterDefinition definition) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        // The gateway forwards the client's trace headers itself; the handler must not add its own.
        ActivityHeadersPropagator = null,
        ConnectTimeout = definition.ConnectTimeout,
        PooledConnectionIdleTimeout = definition.IdleConnectionTimeout,
        MaxConnectionsPerServer = definition.MaxConnectionsPerEndpoint ?? int.MaxValue,
        EnableMultipleHttp2Connections = true,
    };
}
