namespace Weir.ProxyWasm;

/// <summary>
/// Sends the HTTP callouts filters make with <c>proxy_http_call</c> to named upstreams (clusters).
/// The gateway implements it over its clusters; tests use an in-memory one.
/// </summary>
public interface IHttpCalloutDispatcher
{
    /// <summary>Whether <paramref name="upstream"/> names an upstream the dispatcher can reach (otherwise the filter gets BAD_ARGUMENT).</summary>
    bool IsKnownUpstream(string upstream);

    /// <summary>
    /// Sends the request and returns the response. Throwing (or <paramref name="cancellationToken"/>
    /// firing when the call's timeout passes) delivers a failed call to the filter: no headers, body
    /// or trailers, and <c>proxy_get_status</c> reports BROKEN_CONNECTION.
    /// </summary>
    ValueTask<HttpCalloutResponse> SendAsync(HttpCalloutRequest request, CancellationToken cancellationToken);
}
