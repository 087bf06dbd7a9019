using System.Net;

namespace Weir.Gateway.Hosting;

/// <summary>The two protocol halves of one cleartext address, sharing one socket listener.</summary>
internal sealed class SniffingGroup
{
    public SharedAcceptor? Acceptor { get; set; }

    /// <summary>The address the socket was bound to (the real port when port 0 was asked for).</summary>
    public IPEndPoint? BoundAddress => Acceptor?.BoundAddress;
}
