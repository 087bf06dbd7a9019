namespace Weir.Gateway.Metrics;

/// <summary>Counters of one cluster, kept across reloads by name.</summary>
internal sealed class ClusterStatistics
{
    private readonly long[] _errors = new long[Enum.GetValues<UpstreamErrorKind>().Length];
    private long _requests;
    private long _retries;

    public ClusterStatistics(string cluster)
    {
        Cluster = cluster;
    }

    public string Cluster { get; }

    /// <summary>Time from sending a request to its response headers.</summary>
    public LatencyHistogram ResponseTime { get; } = new();

    public long Requests => Volatile.Read(ref _requests);

    public long Retries => Volatile.Read(ref _retries);

    public void Attempted() => Interlocked.Increment(ref _requests);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Failed(UpstreamErrorKind kind) => Interlocked.Increment(ref _errors[(int)kind]);

    public long Errors(UpstreamErrorKind kind) => Volatile.Read(ref _errors[(int)kind]);
}
