namespace Weir.Gateway.Configuration;

/// <summary>A cluster: endpoints, how requests are spread over them, how they are checked, and how connections to them are made.</summary>
/// <param name="Name">The name routes and filter callouts use.</param>
/// <param name="Endpoints">Absolute <c>http://</c> or <c>https://</c> base addresses; a path is prepended to every request's path.</param>
/// <param name="LoadBalancing">How an endpoint is picked.</param>
/// <param name="HealthCheck">Active health checking, or null (every endpoint is considered healthy).</param>
/// <param name="ConnectTimeout">How long a connection attempt may take.</param>
/// <param name="Protocol">The HTTP version spoken to endpoints.</param>
/// <param name="MaxConnectionsPerEndpoint">The most connections to one endpoint, or null for no limit.</param>
/// <param name="IdleConnectionTimeout">How long an unused pooled connection stays open.</param>
internal sealed record ClusterDefinition(
    string Name,
    IReadOnlyList<string> Endpoints,
    LoadBalancingPolicy LoadBalancing,
    HealthCheckDefinition? HealthCheck,
    TimeSpan ConnectTimeout,
    UpstreamProtocol Protocol,
    int? MaxConnectionsPerEndpoint,
    TimeSpan IdleConnectionTimeout);
