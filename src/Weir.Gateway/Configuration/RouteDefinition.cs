namespace Weir.Gateway.Configuration;

/// <summary>A route: what requests it matches, where they go, the filters it appends to the listener's chain, its timeout and retries.</summary>
/// <param name="Name">A name for logs and metrics (the route's index when the file gives none).</param>
/// <param name="Match">What requests it matches.</param>
/// <param name="Cluster">The cluster requests go to.</param>
/// <param name="Filters">Filters appended to the listener's chain, in order.</param>
/// <param name="Timeout">How long the upstream has to send response headers (zero: no limit).</param>
/// <param name="Retry">How failed attempts are retried, or null for no retries.</param>
/// <param name="PreserveHost">Send the client's Host to the upstream instead of the endpoint's.</param>
internal sealed record RouteDefinition(
    string Name,
    RouteMatchDefinition Match,
    string Cluster,
    IReadOnlyList<string> Filters,
    TimeSpan Timeout,
    RetryDefinition? Retry,
    bool PreserveHost);
