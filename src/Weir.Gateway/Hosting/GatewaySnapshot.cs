using System.Collections.Frozen;
using Weir.Gateway.AccessLog;
using Weir.Gateway.Clusters;
using Weir.Gateway.Configuration;
using Weir.Gateway.Filters;
using Weir.Gateway.Routing;

namespace Weir.Gateway.Hosting;

/// <summary>
/// One immutable configuration version, compiled: listeners with their routes, clusters, filter chains and
/// the access log. Requests take a reference for their whole life, so a reload swaps in the next version
/// while requests in flight finish on this one; its components are released once the last of them is done.
/// </summary>
internal sealed class GatewaySnapshot
{
    private const int RetiredFlag = int.MinValue;
    private readonly IReadOnlyList<IComponentLease> _leases;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The low bits count requests in flight; the sign bit marks a retired version.
    private int _state;

    public GatewaySnapshot(
        long version,
        GatewayDefinition definition,
        string sourceDigest,
        FrozenDictionary<string, ListenerRuntime> listenersByKey,
        FrozenDictionary<string, ClusterRuntime> clusters,
        FrozenDictionary<string, FilterRuntime> filters,
        AccessLogWriter? accessLog,
        IReadOnlyList<IComponentLease> leases)
    {
        Version = version;
        Definition = definition;
        SourceDigest = sourceDigest;
        ListenersByKey = listenersByKey;
        Clusters = clusters;
        Filters = filters;
        AccessLog = accessLog;
        _leases = leases;
        LoadedAt = DateTimeOffset.UtcNow;
    }

    public long Version { get; }

    public GatewayDefinition Definition { get; }

    /// <summary>The SHA-256 of the configuration text this version was built from.</summary>
    public string SourceDigest { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>Listeners by their server key (see <see cref="ListenerServerKey"/>).</summary>
    public FrozenDictionary<string, ListenerRuntime> ListenersByKey { get; }

    public FrozenDictionary<string, ClusterRuntime> Clusters { get; }

    public FrozenDictionary<string, FilterRuntime> Filters { get; }

    public AccessLogWriter? AccessLog { get; }

    /// <summary>Completes when the version was retired and its last request finished and its components were released.</summary>
    public Task Drained => _drained.Task;

    public int InFlight => Volatile.Read(ref _state) & ~RetiredFlag;

    /// <summary>Takes a reference unless the version was retired (the caller then reads the current version again).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _state) == RetiredFlag)
        {
            _ = Task.Run(ReleaseComponentsAsync);
        }
    }

    /// <summary>Marks the version as replaced; it drains once its last request releases it.</summary>
    public void Retire()
    {
        if (Interlocked.Or(ref _state, RetiredFlag) == 0)
        {
            _ = Task.Run(ReleaseComponentsAsync);
        }
    }

    private async Task ReleaseComponentsAsync()
    {
        try
        {
            foreach (var lease in _leases)
            {
                await lease.ReleaseAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _drained.TrySetResult();
        }
    }
}
