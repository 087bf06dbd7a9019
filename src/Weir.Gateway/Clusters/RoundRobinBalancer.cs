namespace Weir.Gateway.Clusters;

/// <summary>Each healthy endpoint in turn.</summary>
internal sealed class RoundRobinBalancer : LoadBalancer
{
    private int _next = -1;

    public override UpstreamEndpoint? Pick(UpstreamEndpoint[] healthy, UpstreamEndpoint? exclude)
    {
        if (healthy.Length == 0)
        {
            return null;
        }

        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)healthy.Length);
        var picked = healthy[index];
        if (ReferenceEquals(picked, exclude) && healthy.Length > 1)
        {
            picked = healthy[(index + 1) % healthy.Length];
        }

        return picked;
    }
}
