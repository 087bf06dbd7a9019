using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Weir.Gateway.Clusters;
using Weir.Gateway.Routing;

namespace Weir.Gateway.Forwarding;

/// <summary>Builds the upstream request from the client's: target, method, headers minus hop-by-hop ones, Host and <c>X-Forwarded-*</c>.</summary>
internal static class UpstreamRequestFactory
{
    public static HttpRequestMessage Create(HttpContext context, RouteRuntime route, UpstreamEndpoint endpoint, HttpContent? content, bool upgrade)
    {
        var request = context.Request;
        var cluster = route.Cluster;
        var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), new Uri(TargetOf(endpoint, request), UriKind.Absolute))
        {
            Content = content,
            Version = upgrade ? HttpVersion.Version11 : cluster.Version,
            VersionPolicy = upgrade ? HttpVersionPolicy.RequestVersionExact : cluster.VersionPolicy,
        };

        var headers = request.Headers;
        var listed = HopByHopHeaders.ConnectionListed(headers.Connection);
        foreach (var (name, values) in headers)
        {
            if (HopByHopHeaders.IsHopByHop(name))
            {
                // gRPC needs "te: trailers" end to end; every other TE value is about this hop.
                if (string.Equals(name, HeaderNames.TE, StringComparison.OrdinalIgnoreCase) && values.Count == 1 && string.Equals(values[0], "trailers", StringComparison.OrdinalIgnoreCase))
                {
                    message.Headers.TryAddWithoutValidation(name, values[0]);
                }

                continue;
            }

            if (IsHandledSeparately(name) || HopByHopHeaders.IsListed(listed, name))
            {
                continue;
            }

            AddHeader(message, content, name, values);
        }

        if (upgrade)
        {
            message.Headers.TryAddWithoutValidation(HeaderNames.Connection, "Upgrade");
            message.Headers.TryAddWithoutValidation(HeaderNames.Upgrade, (IEnumerable<string?>)headers.Upgrade);
        }

        if (route.Definition.PreserveHost && request.Host.HasValue)
        {
            message.Headers.Host = request.Host.Value;
        }
        else
        {
            message.Headers.Host = endpoint.Authority;
        }

        AddForwardedHeaders(context, message);
        return message;
    }

    /// <summary>The endpoint's base address plus the request's path (escaped as needed) and query.</summary>
    public static string TargetOf(UpstreamEndpoint endpoint, HttpRequest request)
    {
        var path = request.Path.HasValue ? request.Path.ToUriComponent() : "/";
        return string.Concat(endpoint.Address, path, request.QueryString.Value);
    }

    public static void AddHeader(HttpRequestMessage message, HttpContent? content, string name, StringValues values)
    {
        if (values.Count == 1)
        {
            var value = values[0];
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                content?.Headers.TryAddWithoutValidation(name, value);
            }

            return;
        }

        IEnumerable<string?> all = values.ToArray();
        if (!message.Headers.TryAddWithoutValidation(name, all))
        {
            content?.Headers.TryAddWithoutValidation(name, all);
        }
    }

    private static bool IsHandledSeparately(string name) =>
        string.Equals(name, HeaderNames.Host, StringComparison.OrdinalIgnoreCase) || ForwardedHeaders.IsForwarded(name);

    private static void AddForwardedHeaders(HttpContext context, HttpRequestMessage message)
    {
        var request = context.Request;
        if (ForwardedHeaders.ForwardedForChain(context) is { } chain)
        {
            message.Headers.TryAddWithoutValidation(ForwardedHeaders.ForwardedFor, chain);
        }

        message.Headers.TryAddWithoutValidation(ForwardedHeaders.ForwardedProto, request.Scheme);
        if (request.Host.HasValue)
        {
            message.Headers.TryAddWithoutValidation(ForwardedHeaders.ForwardedHost, request.Host.Value);
        }
    }
}
