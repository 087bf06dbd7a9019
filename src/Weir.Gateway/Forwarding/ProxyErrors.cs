using Weir.Gateway.Metrics;

namespace Weir.Gateway.Forwarding;

/// <summary>Names and statuses of <see cref="ProxyError"/> values.</summary>
internal static class ProxyErrors
{
    /// <summary>The snake_case name used in access logs.</summary>
    public static string? Name(ProxyError error) => error switch
    {
        ProxyError.None => null,
        ProxyError.NoRoute => "no_route",
        ProxyError.NoHealthyEndpoint => "no_healthy_endpoint",
        ProxyError.ConnectFailure => "connect_failure",
        ProxyError.Timeout => "timeout",
        ProxyError.UpstreamReset => "upstream_reset",
        ProxyError.RequestBody => "request_body",
        ProxyError.ClientAborted => "client_aborted",
        ProxyError.ResponseBody => "response_body",
        ProxyError.Upgrade => "upgrade",
        ProxyError.Filter => "filter",
        ProxyError.FilterFailure => "filter_failure",
        _ => "unknown",
    };

    public static UpstreamErrorKind? UpstreamKind(ProxyError error) => error switch
    {
        ProxyError.ConnectFailure => UpstreamErrorKind.ConnectFailure,
        ProxyError.Timeout => UpstreamErrorKind.Timeout,
        ProxyError.UpstreamReset => UpstreamErrorKind.Reset,
        ProxyError.ResponseBody => UpstreamErrorKind.ResponseBody,
        ProxyError.NoHealthyEndpoint => UpstreamErrorKind.NoHealthyEndpoint,
        _ => null,
    };
}
