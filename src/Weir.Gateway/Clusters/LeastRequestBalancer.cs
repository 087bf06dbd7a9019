namespace Weir.Gateway.Clusters;

/// <summary>
/// The endpoint with fewer requests in flight, of two chosen at random ("power of two choices", as Envoy
/// does): nearly as good as scanning every endpoint, without every request crowding the same one.
/// </summary>
internal sealed class LeastRequestBalancer : LoadBalancer
{
    public override UpstreamEndpoint? Pick(UpstreamEndpoint[] healthy, UpstreamEndpoint? exclude)
    {
        switch (healthy.Length)
        {
            case 0:
                return null;
            case 1:
                return healthy[0];
            case 2:
                return Better(healthy[0], healthy[1], exclude);
            default:
                var first = Random.Shared.Next(healthy.Length);
                var second = Random.Shared.Next(healthy.Length - 1);
                if (second >= first)
                {
                    second++;
                }

                return Better(healthy[first], healthy[second], exclude);
        }
    }

    private static UpstreamEndpoint Better(UpstreamEndpoint left, UpstreamEndpoint right, UpstreamEndpoint? exclude)
    {
        if (ReferenceEquals(left, exclude))
        {
            return right;
        }

        if (ReferenceEquals(right, exclude))
        {
            return left;
        }

        var difference = left.ActiveRequests - right.ActiveRequests;
        return difference < 0 || (difference == 0 && Random.Shared.Next(2) == 0) ? left : right;
    }
}
