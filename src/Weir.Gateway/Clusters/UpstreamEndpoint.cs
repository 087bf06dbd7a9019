namespace Weir.Gateway.Clusters;

/// <summary>One endpoint of a cluster: its base address, whether it is healthy, and how many requests it has in flight.</summary>
internal sealed class UpstreamEndpoint
{
    private int _activeRequests;
    private volatile bool _healthy = true;

    public UpstreamEndpoint(string address)
    {
        Address = address;
        var uri = new Uri(address);
        Authority = uri.IsDefaultPort ? uri.Host : uri.Authority;
        SchemeAndAuthority = uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The base address without a trailing slash; request paths are appended to it.</summary>
    public string Address { get; }

    /// <summary>host[:port], the Host header the endpoint gets unless the route preserves the client's.</summary>
    public string Authority { get; }

    /// <summary>scheme://host:port, for log lines and labels.</summary>
    public string SchemeAndAuthority { get; }

    public bool Healthy => _healthy;

    public int ActiveRequests => Volatile.Read(ref _activeRequests);

    /// <summary>Consecutive passing health checks (touched only by the health checker).</summary>
    public int ConsecutiveSuccesses { get; set; }

    /// <summary>Consecutive failing health checks (touched only by the health checker).</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Why the last health check failed, for the admin pages.</summary>
    public string? LastHealthCheckFailure { get; set; }

    public void SetHealthy(bool healthy) => _healthy = healthy;

    public void RequestStarted() => Interlocked.Increment(ref _activeRequests);

    public void RequestFinished() => Interlocked.Decrement(ref _activeRequests);

    public override string ToString() => Address;
}
