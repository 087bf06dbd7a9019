using System.Collections.Concurrent;
using Weir.ProxyWasm;

namespace Weir.Gateway.Metrics;

/// <summary>
/// Counters of one filter (by name), kept across reloads. VM failures and reloads come from the plugins
/// running the filter; those of plugins already replaced are carried over so the totals only grow.
/// </summary>
internal sealed class FilterStatistics
{
    private readonly ConcurrentDictionary<Plugin, bool> _live = new();
    private long _streams;
    private long _localResponses;
    private long _resets;
    private long _failedStreams;
    private long _retiredCrashes;
    private long _retiredReloads;
    private long _retiredRecycles;

    public FilterStatistics(string filter)
    {
        Filter = filter;
    }

    public string Filter { get; }

    public long Streams => Volatile.Read(ref _streams);

    public long LocalResponses => Volatile.Read(ref _localResponses);

    public long Resets => Volatile.Read(ref _resets);

    public long FailedStreams => Volatile.Read(ref _failedStreams);

    /// <summary>VM failures (traps, broken limits, <c>proc_exit</c>) of every plugin that ran this filter.</summary>
    public long VmFailures => Volatile.Read(ref _retiredCrashes) + _live.Keys.Sum(plugin => plugin.Health.Crashes);

    /// <summary>Replacement VMs started after failures.</summary>
    public long VmReloads => Volatile.Read(ref _retiredReloads) + _live.Keys.Sum(plugin => plugin.Health.Reloads);

    /// <summary>VMs retired because their memory grew past the recycling mark (replaced without failing a stream).</summary>
    public long VmRecycles => Volatile.Read(ref _retiredRecycles) + _live.Keys.Sum(plugin => plugin.Health.Recycles);

    /// <summary>VMs running now across the filter's live plugins.</summary>
    public int RunningVms => _live.Keys.Sum(plugin => plugin.Health.RunningVms);

    /// <summary>Whether every live plugin of the filter can serve streams.</summary>
    public bool Ready => _live.Keys.All(plugin => plugin.Health.State == PluginState.Ready);

    public IEnumerable<Plugin> LivePlugins => _live.Keys;

    public void Started() => Interlocked.Increment(ref _streams);

    public void Responded() => Interlocked.Increment(ref _localResponses);

    public void Reset() => Interlocked.Increment(ref _resets);

    public void Failed() => Interlocked.Increment(ref _failedStreams);

    public void Attach(Plugin plugin) => _live.TryAdd(plugin, true);

    /// <summary>Called before a plugin is disposed: its counts become part of the retired totals.</summary>
    public void Detach(Plugin plugin)
    {
        if (_live.TryRemove(plugin, out _))
        {
            var health = plugin.Health;
            Interlocked.Add(ref _retiredCrashes, health.Crashes);
            Interlocked.Add(ref _retiredReloads, health.Reloads);
            Interlocked.Add(ref _retiredRecycles, health.Recycles);
        }
    }
}
