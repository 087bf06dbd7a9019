using System.Globalization;
using System.Net;
using Weir.ProxyWasm.Streams;

namespace Weir.ProxyWasm.Properties;

/// <summary>
/// Resolves <c>proxy_get_property</c> paths: the plugin's own (<c>plugin_name</c>, <c>plugin_root_id</c>,
/// <c>plugin_vm_id</c>), <c>node</c>, then for streams the server's own properties, the built-in
/// request, response, source, destination and connection attributes, and what the filter set.
/// </summary>
internal static class PropertyResolver
{
    public static bool TryResolve(IReadOnlyList<string> path, Plugin plugin, NodeDescription node, StreamContext? stream, DateTimeOffset now, out PropertyValue value)
    {
        value = default;
        if (path.Count == 0)
        {
            return false;
        }

        if (path.Count == 1)
        {
            switch (path[0])
            {
                case "plugin_name":
                    value = PropertyValue.FromString(plugin.Name);
                    return true;
                case "plugin_root_id":
                    value = PropertyValue.FromString(plugin.Configuration.RootId);
                    return true;
                case "plugin_vm_id":
                    value = PropertyValue.FromString(plugin.Configuration.VmId);
                    return true;
            }
        }

        if (path[0] == "node")
        {
            return TryResolveNode(path, node, out value);
        }

        if (stream is null)
        {
            return false;
        }

        if (stream.Http.TryGetProperty(path, out value))
        {
            return true;
        }

        var found = path[0] switch
        {
            "request" => TryResolveRequest(path, stream, now, out value),
            "response" => TryResolveResponse(path, stream, out value),
            "source" => TryResolveEndpoint(path, stream.Http.Info.Source, out value),
            "destination" => TryResolveEndpoint(path, stream.Http.Info.Destination, out value),
            "connection" => TryResolveConnection(path, stream.Http.Info, out value),
            "route_name" when path.Count == 1 => TryString(stream.Http.Info.RouteName, out value),
            "cluster_name" when path.Count == 1 => TryString(stream.Http.Info.ClusterName, out value),
            _ => false,
        };
        if (found)
        {
            return true;
        }

        if (stream.FilterState is { } state && state.TryGetValue(StreamContext.PropertyKey(path), out var bytes))
        {
            value = PropertyValue.FromBytes(bytes);
            return true;
        }

        return false;
    }

    private static bool TryResolveNode(IReadOnlyList<string> path, NodeDescription node, out PropertyValue value)
    {
        value = default;
        switch (path.Count)
        {
            case 1:
                var entries = new List<KeyValuePair<string, string>>();
                if (node.Id is { } id)
                {
                    entries.Add(new("id", id));
                }

                if (node.Cluster is { } cluster)
                {
                    entries.Add(new("cluster", cluster));
                }

                value = PropertyValue.FromMap(entries);
                return true;
            case 2 when path[1] == "id":
                return TryString(node.Id, out value);
            case 2 when path[1] == "cluster":
                return TryString(node.Cluster, out value);
            case 2 when path[1] == "metadata":
                value = PropertyValue.FromMap(node.Metadata);
                return true;
            case 3 when path[1] == "metadata":
                return TryString(node.Metadata.GetValueOrDefault(path[2]), out value);
            default:
                return false;
        }
    }

    private static bool TryResolveRequest(IReadOnlyList<string> path, StreamContext stream, DateTimeOffset now, out PropertyValue value)
    {
        value = default;
        var headers = stream.Http.RequestHeaders;
        if (path.Count == 3 && path[1] == "headers")
        {
            return TryJoinedHeader(headers, path[2], out value);
        }

        if (path.Count != 2)
        {
            return false;
        }

        var fullPath = headers.Get(":path");
        var start = stream.Http.Info.RequestStartTime ?? stream.CreatedAt;
        switch (path[1])
        {
            case "path":
                return TryString(fullPath, out value);
            case "url_path":
                return TryString(fullPath?.Split('?', 2)[0], out value);
            case "query":
                return TryString(fullPath is null ? null : fullPath.Contains('?', StringComparison.Ordinal) ? fullPath.Split('?', 2)[1] : string.Empty, out value);
            case "host":
                return TryString(headers.Get(":authority") ?? headers.Get("host"), out value);
            case "scheme":
                return TryString(headers.Get(":scheme"), out value);
            case "method":
                return TryString(headers.Get(":method"), out value);
            case "headers":
                value = PropertyValue.FromMap(headers);
                return true;
            case "id":
                return TryString(headers.Get("x-request-id"), out value);
            case "referer":
                return TryString(headers.Get("referer"), out value);
            case "useragent":
                return TryString(headers.Get("user-agent"), out value);
            case "protocol":
                return TryString(stream.Http.Info.Protocol, out value);
            case "time":
                value = PropertyValue.FromTimestamp(start);
                return true;
            case "duration" when stream.Request.EndOfStream:
                value = PropertyValue.FromDuration(now - start);
                return true;
            case "size":
                value = PropertyValue.FromInt64(stream.Request.BodyBytes);
                return true;
            case "total_size":
                value = PropertyValue.FromInt64(headers.ByteSize + stream.Request.BodyBytes + stream.Http.RequestTrailers.ByteSize);
                return true;
            default:
                return false;
        }
    }

    private static bool TryResolveResponse(IReadOnlyList<string> path, StreamContext stream, out PropertyValue value)
    {
        value = default;
        var headers = stream.Http.ResponseHeaders;
        if (path.Count == 3 && path[1] is "headers" or "trailers")
        {
            return TryJoinedHeader(path[1] == "headers" ? headers : stream.Http.ResponseTrailers, path[2], out value);
        }

        if (path.Count != 2)
        {
            return false;
        }

        switch (path[1])
        {
            case "code" when int.TryParse(headers.Get(":status"), NumberStyles.None, CultureInfo.InvariantCulture, out var code):
                value = PropertyValue.FromInt64(code);
                return true;
            case "code_details" when stream.Terminal?.LocalResponse is { } local:
                value = PropertyValue.FromString(local.Details);
                return true;
            case "grpc_status" when long.TryParse(headers.Get("grpc-status") ?? stream.Http.ResponseTrailers.Get("grpc-status"), NumberStyles.None, CultureInfo.InvariantCulture, out var grpc):
                value = PropertyValue.FromInt64(grpc);
                return true;
            case "headers" when stream.Response.HeadersStarted || stream.Completing:
                value = PropertyValue.FromMap(headers);
                return true;
            case "trailers" when stream.Response.HeadersStarted || stream.Completing:
                value = PropertyValue.FromMap(stream.Http.ResponseTrailers);
                return true;
            case "size" when stream.Response.HeadersStarted:
                value = PropertyValue.FromInt64(stream.Response.BodyBytes);
                return true;
            case "total_size" when stream.Response.HeadersStarted:
                value = PropertyValue.FromInt64(headers.ByteSize + stream.Response.BodyBytes + stream.Http.ResponseTrailers.ByteSize);
                return true;
            default:
                return false;
        }
    }

    private static bool TryResolveEndpoint(IReadOnlyList<string> path, IPEndPoint? endpoint, out PropertyValue value)
    {
        value = default;
        if (endpoint is null || path.Count != 2)
        {
            return false;
        }

        switch (path[1])
        {
            case "address":
                value = PropertyValue.FromString(endpoint.ToString());
                return true;
            case "port":
                value = PropertyValue.FromInt64(endpoint.Port);
                return true;
            default:
                return false;
        }
    }

    private static bool TryResolveConnection(IReadOnlyList<string> path, HttpStreamInfo info, out PropertyValue value)
    {
        value = default;
        if (path.Count != 2)
        {
            return false;
        }

        switch (path[1])
        {
            case "id" when info.ConnectionId is { } id:
                value = PropertyValue.FromUInt64(id);
                return true;
            case "mtls" when info.MutualTls is { } mutualTls:
                value = PropertyValue.FromBoolean(mutualTls);
                return true;
            case "requested_server_name":
                return TryString(info.RequestedServerName, out value);
            case "tls_version":
                return TryString(info.TlsVersion, out value);
            default:
                return false;
        }
    }

    private static bool TryJoinedHeader(HeaderMap headers, string name, out PropertyValue value)
    {
        var values = headers.GetAll(name).ToList();
        value = values.Count == 0 ? default : PropertyValue.FromString(string.Join(',', values));
        return values.Count > 0;
    }

    private static bool TryString(string? text, out PropertyValue value)
    {
        value = text is null ? default : PropertyValue.FromString(text);
        return text is not null;
    }
}
