using System.Diagnostics;

namespace Weir.Wasi;

/// <summary>
/// The host's clocks: REALTIME from <see cref="DateTime.UtcNow"/>, MONOTONIC from
/// <see cref="Stopwatch"/> counted from when this clock was created (so it does not reveal host uptime).
/// </summary>
public sealed class SystemWasiClock : WasiClock
{
    private const long NanosecondsPerTick = 100;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public override ulong RealtimeResolutionNanoseconds => NanosecondsPerTick;

    /// <inheritdoc />
    public override ulong MonotonicResolutionNanoseconds => Math.Max(1UL, (ulong)(1_000_000_000 / Stopwatch.Frequency));

    /// <inheritdoc />
    public override ulong GetRealtimeNanoseconds() => (ulong)(DateTime.UtcNow.Ticks - UnixEpochTicks) * NanosecondsPerTick;

    /// <inheritdoc />
    public override ulong GetMonotonicNanoseconds()
    {
        var elapsed = Stopwatch.GetElapsedTime(_origin);
        return (ulong)elapsed.Ticks * NanosecondsPerTick;
    }

    /// <inheritdoc />
    public override void Wait(ulong nanoseconds, WaitHandle? wakeUp, CancellationToken cancellation)
    {
        var deadline = Stopwatch.GetTimestamp() + NanosecondsToStopwatchTicks(nanoseconds);
        var handles = wakeUp is null ? [cancellation.WaitHandle] : new[] { cancellation.WaitHandle, wakeUp };
        while (!cancellation.IsCancellationRequested)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            // WaitAny takes at most int.MaxValue milliseconds; longer sleeps loop.
            var milliseconds = (int)Math.Min(int.MaxValue - 1, (remaining * 1000 / Stopwatch.Frequency) + 1);
            if (WaitHandle.WaitAny(handles, milliseconds) != WaitHandle.WaitTimeout)
            {
                return;
            }
        }
    }

    private static long NanosecondsToStopwatchTicks(ulong nanoseconds)
    {
        var seconds = nanoseconds / 1_000_000_000;
        var rest = nanoseconds % 1_000_000_000;
        var ticks = (decimal)seconds * Stopwatch.Frequency + (decimal)rest * Stopwatch.Frequency / 1_000_000_000;
        return ticks >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)ticks;
    }
}
