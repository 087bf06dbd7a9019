namespace Weir.Gateway.Configuration;

/// <summary>A listener: an address, the filter chain every route of it runs, and its routes in match order.</summary>
internal sealed record ListenerDefinition(
    string Name,
    string Address,
    ListenerProtocols Protocols,
    IReadOnlyList<string> Filters,
    IReadOnlyList<RouteDefinition> Routes);
