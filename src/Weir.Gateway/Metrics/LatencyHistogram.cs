using System.Diagnostics;

namespace Weir.Gateway.Metrics;

/// <summary>A lock-free histogram of durations in seconds with fixed buckets (Prometheus <c>le</c> bounds).</summary>
internal sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds, from 100 µs to 30 s.</summary>
    public static readonly double[] Bounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly long[] BoundTicks = Bounds.Select(bound => (long)(bound * Stopwatch.Frequency)).ToArray();

    // One slot per bound plus the overflow (+Inf) slot; cumulative counts are computed when rendering.
    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _sumTicks;

    public void Record(long elapsedTimestampTicks)
    {
        var slot = BoundTicks.Length;
        for (var i = 0; i < BoundTicks.Length; i++)
        {
            if (elapsedTimestampTicks <= BoundTicks[i])
            {
                slot = i;
                break;
            }
        }

        Interlocked.Increment(ref _counts[slot]);
        Interlocked.Add(ref _sumTicks, elapsedTimestampTicks);
    }

    /// <summary>Cumulative counts per bound (the last one is +Inf, the total), the total count and the sum in seconds.</summary>
    public (long[] Cumulative, long Count, double SumSeconds) Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return (cumulative, running, Volatile.Read(ref _sumTicks) / (double)Stopwatch.Frequency);
    }
}
