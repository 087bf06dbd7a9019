using Weir.Gateway.Configuration;

namespace Weir.Gateway.Clusters;

/// <summary>Picks an endpoint among the healthy ones; <c>exclude</c> is the endpoint a retry should avoid when another exists.</summary>
internal abstract class LoadBalancer
{
    public abstract UpstreamEndpoint? Pick(UpstreamEndpoint[] healthy, UpstreamEndpoint? exclude);

    public static LoadBalancer Create(LoadBalancingPolicy policy) => policy switch
    {
        LoadBalancingPolicy.LeastRequest => new LeastRequestBalancer(),
        _ => new RoundRobinBalancer(),
    };
}
