using Microsoft.AspNetCore.Http;
using Weir.Gateway.Configuration;

namespace Weir.Gateway.Routing;

/// <summary>A listener's routes in match order, as one configuration version compiled them.</summary>
internal sealed class ListenerRuntime
{
    private readonly RouteRuntime[] _routes;

    public ListenerRuntime(ListenerDefinition definition, RouteRuntime[] routes)
    {
        Definition = definition;
        _routes = routes;
    }

    public ListenerDefinition Definition { get; }

    public IReadOnlyList<RouteRuntime> Routes => _routes;

    /// <summary>The first route that matches, or null.</summary>
    public RouteRuntime? Match(HttpRequest request)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(request))
            {
                return route;
            }
        }

        return null;
    }
}
