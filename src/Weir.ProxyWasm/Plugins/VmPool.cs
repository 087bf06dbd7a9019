using Weir.ProxyWasm.Hosting;

namespace Weir.ProxyWasm.Plugins;

/// <summary>
/// A plugin's VMs: up to <see cref="PluginLimits.MaxVms"/>, created on demand (a new one only when
/// every VM already has streams), each stream pinned to the least-loaded VM for its life. A VM that
/// fails is dropped at once and replaced in the background; consecutive failures (with no stream
/// completing in between) back off exponentially, so a request that crashes every VM cannot cause a
/// reload storm. A VM whose memory grew past the recycling mark is retired: it drains its streams
/// and stops, and new streams go to a fresh VM (a retiring VM does not count against the maximum).
/// </summary>
internal sealed class VmPool
{
    private readonly Plugin _plugin;
    private readonly Lock _lock = new();
    private readonly List<ProxyVm> _running = [];
    private readonly List<ProxyVm> _retiring = [];
    private int _starting;
    private int _serial;
    private long _crashes;
    private long _reloads;
    private long _recycles;
    private int _consecutiveFailures;
    private string? _lastFailure;
    private DateTimeOffset _nextStartAt = DateTimeOffset.MinValue;
    private Task<ProxyVm?>? _replacement;
    private bool _stopped;

    public VmPool(Plugin plugin)
    {
        _plugin = plugin;
    }

    private PluginLimits Limits => _plugin.Configuration.Limits;

    private TimeProvider Clock => _plugin.Runtime.Options.TimeProvider;

    /// <summary>Starts the first VM; a failure here fails the plugin's creation.</summary>
    public void StartFirst()
    {
        var vm = new ProxyVm(_plugin, Interlocked.Increment(ref _serial));
        vm.Start();
        lock (_lock)
        {
            _running.Add(vm);
        }
    }

    /// <summary>
    /// A VM for a new stream, or null when none can serve it now (the caller applies the failure
    /// policy). Waits for a replacement that is starting; while backing off only the reload policy waits.
    /// </summary>
    public async ValueTask<ProxyVm?> AcquireAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Task<ProxyVm?>? replacement;
            var startHere = false;
            lock (_lock)
            {
                if (_stopped)
                {
                    return null;
                }

                var best = LeastLoaded();
                if (best is not null && (best.ActiveStreams == 0 || _running.Count + _starting >= Limits.MaxVms))
                {
                    best.ActiveStreams++;
                    best.StreamsServed++;
                    return best;
                }

                if (_running.Count + _starting < Limits.MaxVms && _replacement is null && Clock.GetUtcNow() >= _nextStartAt)
                {
                    _starting++;
                    startHere = true;
                }
                else if (best is not null)
                {
                    best.ActiveStreams++;
                    best.StreamsServed++;
                    return best;
                }

                replacement = _replacement;
            }

            if (startHere)
            {
                var vm = TryStart(isReplacement: false);
                lock (_lock)
                {
                    _starting--;
                    if (vm is not null && !_stopped)
                    {
                        _running.Add(vm);
                        vm.ActiveStreams++;
                        vm.StreamsServed++;
                        return vm;
                    }
                }

                if (vm is not null)
                {
                    await vm.StopAsync().ConfigureAwait(false);
                    return null;
                }

                continue;
            }

            if (replacement is null)
            {
                return null;
            }

            var backingOff = Clock.GetUtcNow() < _nextStartAt;
            if (backingOff && _plugin.Configuration.FailurePolicy != FailurePolicy.Reload)
            {
                return null;
            }

            try
            {
                await replacement.WaitAsync(Limits.ReloadWaitTimeout, Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A stream pinned to <paramref name="vm"/> finished; a stream that ran without failure ends any backoff streak.</summary>
    public void Release(ProxyVm vm, bool succeeded)
    {
        lock (_lock)
        {
            vm.ActiveStreams--;
            if (succeeded)
            {
                _consecutiveFailures = 0;
            }

            // Checked when a stream ends: streams are what a VM's memory grows with.
            if (!vm.Retiring && vm.State == VmState.Running && IsOvergrown(vm) && _running.Contains(vm))
            {
                Retire(vm);
            }
            else if (vm.Retiring && vm.ActiveStreams == 0)
            {
                StopRetired(vm);
            }
        }
    }

    /// <summary>A running VM failed (called by the VM under its gate): drop it and make sure a replacement comes.</summary>
    public void OnVmFailed(ProxyVm vm, string reason)
    {
        lock (_lock)
        {
            _running.Remove(vm);
            _retiring.Remove(vm);
            RecordFailure(reason);
            ScheduleReplacementIfIdle();
        }
    }

    public IReadOnlyList<ProxyVm> RunningVms()
    {
        lock (_lock)
        {
            return [.. _running];
        }
    }

    public PluginHealth Health()
    {
        lock (_lock)
        {
            var state = _stopped ? PluginState.Stopped : _running.Count > 0 ? PluginState.Ready : PluginState.Reloading;
            var nextReload = !_stopped && _running.Count == 0 && _nextStartAt > Clock.GetUtcNow() ? _nextStartAt : (DateTimeOffset?)null;
            var memory = _running.Aggregate(0UL, (total, vm) => total + vm.MemoryBytes);
            return new PluginHealth(state, _running.Count, _crashes, _reloads, _lastFailure, nextReload, memory, _recycles);
        }
    }

    public async ValueTask StopAsync()
    {
        List<ProxyVm> vms;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            vms = [.. _running, .. _retiring];
            _running.Clear();
            _retiring.Clear();
        }

        // Let streams in flight finish on their VMs first (new streams are already refused).
        var deadline = Clock.GetUtcNow() + Limits.ShutdownTimeout;
        while (Clock.GetUtcNow() < deadline)
        {
            lock (_lock)
            {
                if (vms.All(vm => vm.ActiveStreams <= 0))
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), Clock).ConfigureAwait(false);
        }

        await Task.WhenAll(vms.Select(vm => vm.StopAsync())).ConfigureAwait(false);
    }

    private ProxyVm? LeastLoaded()
    {
        ProxyVm? best = null;
        foreach (var vm in _running)
        {
            if (vm.State == VmState.Running && (best is null || vm.ActiveStreams < best.ActiveStreams))
            {
                best = vm;
            }
        }

        return best;
    }

    /// <summary>
    /// Grew past the recycling mark since it started, after serving enough streams to tell a leak from a
    /// working set that settles above the mark (such VMs, and those that start above it, keep serving).
    /// </summary>
    private bool IsOvergrown(ProxyVm vm)
    {
        var fraction = Limits.RecycleMemoryFraction;
        if (fraction <= 0)
        {
            return false;
        }

        var mark = (ulong)(Limits.MaxMemoryBytes * Math.Min(fraction, 1.0));
        return vm.MemoryBytes >= mark && vm.MemoryAtStart < mark && vm.StreamsServed >= Limits.RecycleAfterStreams;
    }

    /// <summary>Takes the VM out of service (caller holds the pool lock); it stops when its last stream ends.</summary>
    private void Retire(ProxyVm vm)
    {
        _running.Remove(vm);
        _retiring.Add(vm);
        vm.Retiring = true;
        _recycles++;
        _plugin.LogHost(ProxyLogLevel.Info, $"VM {vm.Serial} is recycled: its memory grew to {vm.MemoryBytes} bytes (started at {vm.MemoryAtStart}; limit {Limits.MaxMemoryBytes}); it finishes its {vm.ActiveStreams} stream(s) and new streams go to a new VM");
        if (vm.ActiveStreams == 0)
        {
            StopRetired(vm);
        }
    }

    private void StopRetired(ProxyVm vm)
    {
        _retiring.Remove(vm);

        // Never stop it inline: the caller holds the pool lock, and may be inside a stream of this VM.
        _ = Task.Run(vm.StopAsync);
    }

    private ProxyVm? TryStart(bool isReplacement)
    {
        var vm = new ProxyVm(_plugin, Interlocked.Increment(ref _serial));
        try
        {
            vm.Start();
            if (isReplacement)
            {
                _plugin.LogHost(ProxyLogLevel.Info, $"VM {vm.Serial} started to replace a failed VM");
            }

            return vm;
        }
        catch (PluginLoadException exception)
        {
            _plugin.LogHost(ProxyLogLevel.Error, $"VM {vm.Serial} could not start: {exception.Message}");
            lock (_lock)
            {
                RecordFailure(exception.Message);
                ScheduleReplacementIfIdle();
            }

            return null;
        }
    }

    private void RecordFailure(string reason)
    {
        _crashes++;
        _consecutiveFailures++;
        _lastFailure = reason;
        _nextStartAt = Clock.GetUtcNow() + Backoff(_consecutiveFailures);
    }

    /// <summary>No wait after an isolated failure; then the base, doubling, up to the maximum.</summary>
    private TimeSpan Backoff(int consecutiveFailures)
    {
        if (consecutiveFailures <= 1)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 2, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Limits.ReloadBackoffBase.Ticks * factor, Limits.ReloadBackoffMax.Ticks));
        return delay;
    }

    private void ScheduleReplacementIfIdle()
    {
        if (!_stopped && _running.Count == 0 && _replacement is null)
        {
            _replacement = ReplaceAsync();
        }
    }

    private async Task<ProxyVm?> ReplaceAsync()
    {
        // Never start a VM inline: the caller holds the pool lock and the failed VM's gate.
        await Task.Yield();
        while (true)
        {
            TimeSpan delay;
            lock (_lock)
            {
                if (_stopped)
                {
                    _replacement = null;
                    return null;
                }

                delay = _nextStartAt - Clock.GetUtcNow();
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, Clock).ConfigureAwait(false);
            }

            var vm = TryStart(isReplacement: true);
            if (vm is null)
            {
                continue;
            }

            var stop = false;
            lock (_lock)
            {
                _replacement = null;
                if (_stopped)
                {
                    stop = true;
                }
                else
                {
                    _running.Add(vm);
                    _reloads++;
                }
            }

            if (stop)
            {
                await vm.StopAsync().ConfigureAwait(false);
                return null;
            }

            return vm;
        }
    }
}
