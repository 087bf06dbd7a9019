namespace Weir.Wasi;

/// <summary>
/// The clocks a WASI program sees (REALTIME and MONOTONIC), and how it waits for them in
/// poll_oneoff. Use <see cref="SystemWasiClock"/> for real time and <see cref="ManualWasiClock"/>
/// for deterministic tests.
/// </summary>
public abstract class WasiClock
{
    /// <summary>Wall-clock time in nanoseconds since 1970-01-01 UTC.</summary>
    public abstract ulong GetRealtimeNanoseconds();

    /// <summary>Nanoseconds from an arbitrary origin; never decreases.</summary>
    public abstract ulong GetMonotonicNanoseconds();

    /// <summary>The resolution clock_res_get reports for REALTIME, in nanoseconds (never 0).</summary>
    public abstract ulong RealtimeResolutionNanoseconds { get; }

    /// <summary>The resolution clock_res_get reports for MONOTONIC, in nanoseconds (never 0).</summary>
    public abstract ulong MonotonicResolutionNanoseconds { get; }

    /// <summary>
    /// Blocks the guest for <paramref name="nanoseconds"/>, returning early when
    /// <paramref name="wakeUp"/> is signalled (input arrived) or <paramref name="cancellation"/> is
    /// cancelled. A virtual clock advances itself instead of blocking.
    /// </summary>
    public abstract void Wait(ulong nanoseconds, WaitHandle? wakeUp, CancellationToken cancellation);
}
