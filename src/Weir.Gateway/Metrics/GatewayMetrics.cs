using System.Collections.Concurrent;

namespace Weir.Gateway.Metrics;

/// <summary>
/// Every counter of a gateway process. Statistics objects are looked up by name when a configuration
/// version is built and held by it, so the hot path increments fields directly, and counters of routes and
/// clusters that survive a reload keep growing instead of starting over.
/// </summary>
internal sealed class GatewayMetrics
{
    private readonly ConcurrentDictionary<(string Listener, string Route), RouteStatistics> _routes = new();
    private readonly ConcurrentDictionary<string, ClusterStatistics> _clusters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ListenerStatistics> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FilterStatistics> _filters = new(StringComparer.Ordinal);
    private long _reloadsSucceeded;
    private long _reloadsFailed;

    public long ReloadsSucceeded => Volatile.Read(ref _reloadsSucceeded);

    public long ReloadsFailed => Volatile.Read(ref _reloadsFailed);

    public RouteStatistics Route(string listener, string route) =>
        _routes.GetOrAdd((listener, route), static key => new RouteStatistics(key.Listener, key.Route));

    public ClusterStatistics Cluster(string cluster) => _clusters.GetOrAdd(cluster, static name => new ClusterStatistics(name));

    public ListenerStatistics Listener(string listener) => _listeners.GetOrAdd(listener, static name => new ListenerStatistics(name));

    public FilterStatistics Filter(string filter) => _filters.GetOrAdd(filter, static name => new FilterStatistics(name));

    public IEnumerable<FilterStatistics> Filters => _filters.Values.OrderBy(filter => filter.Filter, StringComparer.Ordinal);

    public IEnumerable<RouteStatistics> Routes => _routes.Values.OrderBy(route => route.Listener, StringComparer.Ordinal).ThenBy(route => route.Route, StringComparer.Ordinal);

    public IEnumerable<ClusterStatistics> Clusters => _clusters.Values.OrderBy(cluster => cluster.Cluster, StringComparer.Ordinal);

    public IEnumerable<ListenerStatistics> Listeners => _listeners.Values.OrderBy(listener => listener.Listener, StringComparer.Ordinal);

    public void ReloadSucceeded() => Interlocked.Increment(ref _reloadsSucceeded);

    public void ReloadFailed() => Interlocked.Increment(ref _reloadsFailed);
}
