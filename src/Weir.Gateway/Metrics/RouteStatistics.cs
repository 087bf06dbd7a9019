namespace Weir.Gateway.Metrics;

/// <summary>Counters of one route; kept across reloads (keyed by listener and route name) so they only ever grow.</summary>
internal sealed class RouteStatistics
{
    private const int StatusSlots = 600;
    private readonly long[] _byStatus = new long[StatusSlots];
    private long _aborted;
    private long _active;

    public RouteStatistics(string listener, string route)
    {
        Listener = listener;
        Route = route;
    }

    public string Listener { get; }

    public string Route { get; }

    public LatencyHistogram Duration { get; } = new();

    public long Active => Volatile.Read(ref _active);

    public long Aborted => Volatile.Read(ref _aborted);

    public void Started() => Interlocked.Increment(ref _active);

    /// <summary>Records a finished request: its status (0 when the client went away before one was sent) and duration.</summary>
    public void Completed(int status, long elapsedTicks)
    {
        Interlocked.Decrement(ref _active);
        if (status is > 0 and < StatusSlots)
        {
            Interlocked.Increment(ref _byStatus[status]);
        }
        else
        {
            Interlocked.Increment(ref _aborted);
        }

        Duration.Record(elapsedTicks);
    }

    /// <summary>Status codes seen with their counts.</summary>
    public IEnumerable<(int Status, long Count)> StatusCounts()
    {
        for (var status = 100; status < StatusSlots; status++)
        {
            var count = Volatile.Read(ref _byStatus[status]);
            if (count > 0)
            {
                yield return (status, count);
            }
        }
    }
}
