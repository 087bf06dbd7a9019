namespace Weir.Gateway.Configuration;

/// <summary>How a cluster picks an endpoint for a request.</summary>
internal enum LoadBalancingPolicy
{
    /// <summary>Each healthy endpoint in turn.</summary>
    RoundRobin,

    /// <summary>The healthy endpoint with fewer requests in flight, of two picked at random (Envoy's default for least request).</summary>
    LeastRequest,
}
