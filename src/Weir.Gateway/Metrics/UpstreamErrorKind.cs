namespace Weir.Gateway.Metrics;

/// <summary>Why an upstream attempt failed, as counted in <c>weir_upstream_errors_total{kind}</c>.</summary>
internal enum UpstreamErrorKind
{
    /// <summary>No connection could be made (refused, unreachable, connect timeout).</summary>
    ConnectFailure,

    /// <summary>No response headers within the route's (or attempt's) timeout.</summary>
    Timeout,

    /// <summary>The connection closed or broke before response headers.</summary>
    Reset,

    /// <summary>The response body failed after the response started.</summary>
    ResponseBody,

    /// <summary>No endpoint of the cluster was healthy.</summary>
    NoHealthyEndpoint,
}
