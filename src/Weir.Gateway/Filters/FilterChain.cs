namespace Weir.Gateway.Filters;

/// <summary>The filters a route runs: the listener's chain followed by the route's own, in order.</summary>
internal sealed class FilterChain
{
    public FilterChain(FilterRuntime[] filters)
    {
        Filters = filters;
        HandlesRequestBody = filters.Any(filter => filter.HandlesRequestBody);
        HandlesResponseBody = filters.Any(filter => filter.HandlesResponseBody);
        HandlesRequestTrailers = filters.Any(filter => filter.HandlesRequestTrailers);
        HandlesResponseTrailers = filters.Any(filter => filter.HandlesResponseTrailers);
    }

    /// <summary>The chain without filters: requests take the direct forwarding path.</summary>
    public static FilterChain Empty { get; } = new([]);

    public FilterRuntime[] Filters { get; }

    public int Count => Filters.Length;

    public bool IsEmpty => Filters.Length == 0;

    /// <summary>Some filter may rewrite request bodies (so a client's Content-Length cannot be trusted upstream).</summary>
    public bool HandlesRequestBody { get; }

    /// <summary>Some filter looks at response bodies.</summary>
    public bool HandlesResponseBody { get; }

    /// <summary>Some filter looks at request trailers.</summary>
    public bool HandlesRequestTrailers { get; }

    /// <summary>Some filter looks at response trailers.</summary>
    public bool HandlesResponseTrailers { get; }
}
