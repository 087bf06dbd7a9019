namespace Weir.ProxyWasm.Hosting;

// The root context's timer (proxy_set_tick_period_milliseconds → proxy_on_tick). Ticks are best
// effort: one that comes while the previous one still waits or runs is dropped, so a VM never
// gets two at once.
internal sealed partial class ProxyVm
{
    private ITimer? _tickTimer;
    private int _tickPending;

    // Disposing a timer does not stop a callback already on its way: each timer carries the
    // generation it was created in, and a tick of an older generation is dropped under the gate.
    private int _tickGeneration;

    /// <summary>The current tick period, or zero when the timer is off.</summary>
    public TimeSpan TickPeriod { get; private set; }

    private void SetTickPeriod(uint milliseconds)
    {
        StopTicks();
        TickPeriod = TimeSpan.FromMilliseconds(milliseconds);
        if (milliseconds == 0)
        {
            return;
        }

        var generation = _tickGeneration;
        _tickTimer = _runtime.Options.TimeProvider.CreateTimer(state => OnTimer((int)state!), generation, TickPeriod, TickPeriod);
    }

    private void StopTicks()
    {
        Interlocked.Increment(ref _tickGeneration);
        _tickTimer?.Dispose();
        _tickTimer = null;
    }

    private void OnTimer(int generation)
    {
        if (State != VmState.Running || generation != Volatile.Read(ref _tickGeneration) || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        _ = RunTickAsync(generation);
    }

    private async Task RunTickAsync(int generation)
    {
        try
        {
            await Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (State == VmState.Running && generation == _tickGeneration && _onTick is { } tick && _root is { } root)
                {
                    Run("proxy_on_tick", root, (tick, root.Id), static s =>
                    {
                        s.tick(s.Id);
                        return 0;
                    });
                }
            }
            catch (VmFailedException)
            {
                // Logged; the pool replaces the VM.
            }
            finally
            {
                Gate.Release();
            }
        }
        finally
        {
            Volatile.Write(ref _tickPending, 0);
        }
    }
}
