namespace Weir.Gateway.Configuration;

/// <summary>
/// A validated gateway configuration: plain data, compared by value (reload reuses clusters and filters whose
/// definitions did not change) and serialized as is by <c>/config_dump</c>.
/// </summary>
internal sealed record GatewayDefinition(
    AdminDefinition? Admin,
    AccessLogDefinition? AccessLog,
    IReadOnlyList<ListenerDefinition> Listeners,
    IReadOnlyList<ClusterDefinition> Clusters,
    IReadOnlyList<FilterDefinition> Filters);
