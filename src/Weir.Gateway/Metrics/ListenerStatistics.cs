namespace Weir.Gateway.Metrics;

/// <summary>Counters of one listener that belong to no route.</summary>
internal sealed class ListenerStatistics
{
    private long _noRoute;

    public ListenerStatistics(string listener)
    {
        Listener = listener;
    }

    public string Listener { get; }

    public long NoRoute => Volatile.Read(ref _noRoute);

    public void Unrouted() => Interlocked.Increment(ref _noRoute);
}
