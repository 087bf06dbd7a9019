using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Clusters;
using Weir.Gateway.Configuration;
using Weir.Gateway.Filters;
using Weir.Gateway.Metrics;

namespace Weir.Gateway.Routing;

/// <summary>A compiled route: its matcher, its cluster, the full filter chain (listener's then route's), timeout, retries and counters.</summary>
internal sealed class RouteRuntime
{
    private readonly Regex? _pathPattern;
    private readonly HeaderCondition[] _headers;
    private readonly string[] _methods;

    public RouteRuntime(string listener, RouteDefinition definition, ClusterRuntime cluster, FilterChain filters, RouteStatistics statistics)
    {
        Listener = listener;
        Definition = definition;
        Cluster = cluster;
        Filters = filters;
        Statistics = statistics;
        if (definition.Match.PathKind == PathMatchKind.Regex)
        {
            _pathPattern = new Regex("^(?:" + definition.Match.Path + ")$", GatewayConfigurationParser.PatternOptions);
        }

        _headers = definition.Match.Headers.Select(header => new HeaderCondition(header)).ToArray();
        _methods = definition.Match.Methods.ToArray();
    }

    public string Listener { get; }

    public string Name => Definition.Name;

    public RouteDefinition Definition { get; }

    public ClusterRuntime Cluster { get; }

    public FilterChain Filters { get; }

    public RouteStatistics Statistics { get; }

    public bool Matches(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var pathMatches = Definition.Match.PathKind switch
        {
            PathMatchKind.Prefix => path.StartsWith(Definition.Match.Path, StringComparison.Ordinal),
            PathMatchKind.Exact => string.Equals(path, Definition.Match.Path, StringComparison.Ordinal),
            _ => _pathPattern!.IsMatch(path),
        };
        if (!pathMatches)
        {
            return false;
        }

        if (_methods.Length > 0 && Array.IndexOf(_methods, request.Method) < 0)
        {
            return false;
        }

        foreach (var header in _headers)
        {
            if (!header.Matches(request.Headers))
            {
                return false;
            }
        }

        return true;
    }
}
