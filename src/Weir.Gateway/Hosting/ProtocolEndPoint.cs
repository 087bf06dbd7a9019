using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Weir.Gateway.Hosting;

/// <summary>
/// One protocol's half of a cleartext address that speaks both HTTP/1.1 and HTTP/2 (prior knowledge). Kestrel
/// binds each half as its own endpoint; <see cref="SniffingTransportFactory"/> binds the socket once and hands
/// each accepted connection to the half its first bytes belong to.
/// </summary>
internal sealed class ProtocolEndPoint : EndPoint
{
    public ProtocolEndPoint(IPEndPoint address, HttpProtocols protocol, SniffingGroup group)
    {
        Address = address;
        Protocol = protocol;
        Group = group;
    }

    public IPEndPoint Address { get; }

    public HttpProtocols Protocol { get; }

    public SniffingGroup Group { get; }

    public override string ToString() => Group.BoundAddress?.ToString() ?? Address.ToString();
}
