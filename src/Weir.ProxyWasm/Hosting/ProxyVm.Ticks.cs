namespace Weir.ProxyWasm.Hosting;

// The root context's timer (proxy_set_tick_period_milliseconds → proxy_on_tick). Ticks are best
// effort: one that comes while the previous one still waits or runs is dropped, so a VM never
// gets two at once.
internal sealed partial class ProxyVm
{
    private ITimer? _tickTimer;
    private int _tickPending;

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

        _tickTimer = _runtime.Options.TimeProvider.CreateTimer(static state => ((ProxyVm)state!).OnTimer(), this, TickPeriod, TickPeriod);
    }

    private void StopTicks()
    {
        _tickTimer?.Dispose();
        _tickTimer = null;
    }

    private void OnTimer()
    {
        if (State != VmState.Running || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        _ = RunTickAsync();
    }

    private async Task RunTickAsync()
    {
        try
        {
            await Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (State == VmState.Running && _onTick is { } tick && _root is { } root)
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
