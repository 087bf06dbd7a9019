namespace Weir.Wasi;

/// <summary>
/// A deterministic virtual clock for tests: time moves only when <see cref="Advance"/> is called or
/// when the guest waits (poll_oneoff, sleep), which advances it by exactly the time waited.
/// </summary>
public sealed class ManualWasiClock : WasiClock
{
    private readonly Lock _lock = new();
    private ulong _realtime;
    private ulong _monotonic;

    /// <summary>Creates a clock whose REALTIME starts at <paramref name="realtimeStart"/> and MONOTONIC at 0.</summary>
    public ManualWasiClock(DateTimeOffset realtimeStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(realtimeStart, DateTimeOffset.UnixEpoch);
        _realtime = (ulong)(realtimeStart - DateTimeOffset.UnixEpoch).Ticks * 100;
    }

    /// <inheritdoc />
    public override ulong RealtimeResolutionNanoseconds => 1;

    /// <inheritdoc />
    public override ulong MonotonicResolutionNanoseconds => 1;

    /// <inheritdoc />
    public override ulong GetRealtimeNanoseconds()
    {
        lock (_lock)
        {
            return _realtime;
        }
    }

    /// <inheritdoc />
    public override ulong GetMonotonicNanoseconds()
    {
        lock (_lock)
        {
            return _monotonic;
        }
    }

    /// <summary>Moves both clocks forward.</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        AdvanceNanoseconds((ulong)duration.Ticks * 100);
    }

    /// <inheritdoc />
    public override void Wait(ulong nanoseconds, WaitHandle? wakeUp, CancellationToken cancellation)
    {
        if (wakeUp is not null && wakeUp.WaitOne(0))
        {
            return;
        }

        if (nanoseconds == ulong.MaxValue && wakeUp is not null)
        {
            // Nothing to wait for but input: virtual time cannot make it arrive.
            WaitHandle.WaitAny([wakeUp, cancellation.WaitHandle]);
            return;
        }

        AdvanceNanoseconds(nanoseconds);
    }

    private void AdvanceNanoseconds(ulong nanoseconds)
    {
        lock (_lock)
        {
            _realtime = SaturatingAdd(_realtime, nanoseconds);
            _monotonic = SaturatingAdd(_monotonic, nanoseconds);
        }
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
