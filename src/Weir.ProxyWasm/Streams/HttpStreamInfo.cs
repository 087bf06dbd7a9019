using System.Net;

namespace Weir.ProxyWasm;

/// <summary>
/// What the server knows of an HTTP exchange beyond its headers: the connection and the route.
/// Filters read it through properties such as <c>source.address</c>, <c>connection.id</c> or
/// <c>route_name</c>. Everything is optional; an absent value reads as NOT_FOUND.
/// </summary>
public sealed class HttpStreamInfo
{
    /// <summary>The downstream connection's id (<c>connection.id</c>).</summary>
    public ulong? ConnectionId { get; init; }

    /// <summary>The client's address and port (<c>source.address</c>, <c>source.port</c>).</summary>
    public IPEndPoint? Source { get; init; }

    /// <summary>The local address the client connected to (<c>destination.address</c>, <c>destination.port</c>).</summary>
    public IPEndPoint? Destination { get; init; }

    /// <summary>The protocol, for example <c>HTTP/1.1</c> or <c>HTTP/2</c> (<c>request.protocol</c>).</summary>
    public string? Protocol { get; init; }

    /// <summary>When the first byte of the request arrived (<c>request.time</c>); the stream's creation time when null.</summary>
    public DateTimeOffset? RequestStartTime { get; init; }

    /// <summary>Whether the connection uses TLS with a client certificate (<c>connection.mtls</c>).</summary>
    public bool? MutualTls { get; init; }

    /// <summary>The SNI name the client asked for (<c>connection.requested_server_name</c>).</summary>
    public string? RequestedServerName { get; init; }

    /// <summary>The TLS version, for example <c>TLSv1.3</c> (<c>connection.tls_version</c>).</summary>
    public string? TlsVersion { get; init; }

    /// <summary>The matched route's name (<c>route_name</c>).</summary>
    public string? RouteName { get; init; }

    /// <summary>The upstream cluster the route sends to (<c>cluster_name</c>).</summary>
    public string? ClusterName { get; init; }

    /// <summary>No information.</summary>
    public static HttpStreamInfo Empty { get; } = new();
}
