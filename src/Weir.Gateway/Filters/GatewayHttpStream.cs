using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Forwarding;
using Weir.Gateway.Routing;
using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>
/// One exchange as every filter of its chain sees it: header maps built from the Kestrel request (with the
/// <c>X-Forwarded-*</c> headers the upstream will get, and without hop-by-hop ones) that filters modify in
/// place, in chain order, and connection and route facts for properties.
/// </summary>
internal sealed class GatewayHttpStream : IHttpStream
{
    private readonly HttpContext _context;
    private readonly RouteRuntime _route;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private HttpStreamInfo? _info;

    public GatewayHttpStream(HttpContext context, RouteRuntime route)
    {
        _context = context;
        _route = route;
        RequestHeaders = BuildRequestHeaders(context);
    }

    public HeaderMap RequestHeaders { get; }

    public HeaderMap RequestTrailers { get; } = new();

    public HeaderMap ResponseHeaders { get; } = new();

    public HeaderMap ResponseTrailers { get; } = new();

    /// <summary>Connection and route facts, built when a filter first reads a property that needs them.</summary>
    public HttpStreamInfo Info => _info ??= CreateInfo();

    /// <summary>The endpoint the request was sent to (<c>upstream.address</c>), once known.</summary>
    public string? UpstreamAddress { get; set; }

    public bool TryGetProperty(IReadOnlyList<string> path, out PropertyValue value)
    {
        if (path is ["upstream", "address"] && UpstreamAddress is { } address)
        {
            value = PropertyValue.FromString(address);
            return true;
        }

        value = default;
        return false;
    }

    private HttpStreamInfo CreateInfo()
    {
        var connection = _context.Connection;
        return new HttpStreamInfo
        {
            ConnectionId = Fnv1a(connection.Id),
            Source = connection.RemoteIpAddress is { } remote ? new IPEndPoint(remote, connection.RemotePort) : null,
            Destination = connection.LocalIpAddress is { } local ? new IPEndPoint(local, connection.LocalPort) : null,
            Protocol = _context.Request.Protocol,
            RequestStartTime = _started,
            RouteName = _route.Name,
            ClusterName = _route.Cluster.Name,
        };
    }

    private static HeaderMap BuildRequestHeaders(HttpContext context)
    {
        var request = context.Request;
        var headers = new HeaderMap();
        headers.Add(":method", request.Method);
        headers.Add(":path", (request.Path.HasValue ? request.Path.ToUriComponent() : "/") + request.QueryString.Value);
        headers.Add(":authority", request.Host.Value ?? string.Empty);
        headers.Add(":scheme", request.Scheme);
        var listed = HopByHopHeaders.ConnectionListed(request.Headers.Connection);
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.IsHopByHop(name) || HopByHopHeaders.IsListed(listed, name) || string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) || ForwardedHeaders.IsForwarded(name))
            {
                if (string.Equals(name, "TE", StringComparison.OrdinalIgnoreCase) && values.Count == 1 && string.Equals(values[0], "trailers", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add("te", "trailers");
                }

                continue;
            }

            var lower = LowerCaseHeaderNames.Lower(name);
            foreach (var value in values)
            {
                headers.Add(lower, value ?? string.Empty);
            }
        }

        foreach (var (name, value) in ForwardedHeaders.For(context))
        {
            headers.Add(name, value);
        }

        return headers;
    }

    /// <summary>A stable 64-bit number for Kestrel's connection id text (<c>connection.id</c> is numeric in proxy-wasm).</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The response status in <see cref="ResponseHeaders"/>, or 502 when a filter left an unusable one.</summary>
    public int ResponseStatus() =>
        int.TryParse(ResponseHeaders.Get(":status"), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 999
            ? status
            : StatusCodes.Status502BadGateway;
}
