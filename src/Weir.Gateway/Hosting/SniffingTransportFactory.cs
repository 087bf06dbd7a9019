using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Weir.Gateway.Hosting;

/// <summary>
/// Kestrel's socket transport, plus the endpoints of <see cref="ProtocolEndPoint"/>: Kestrel cannot detect
/// HTTP/2 prior knowledge on a cleartext endpoint that also allows HTTP/1.1, so the gateway binds the socket
/// itself and routes each connection by its first bytes (the HTTP/2 connection preface or not), as Envoy's
/// automatic codec does.
/// </summary>
internal sealed class SniffingTransportFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly SocketTransportFactory _sockets;

    public SniffingTransportFactory(SocketTransportFactory sockets)
    {
        _sockets = sockets;
    }

    public bool CanBind(EndPoint endpoint) => endpoint is ProtocolEndPoint or IPEndPoint;

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not ProtocolEndPoint half)
        {
            return await _sockets.BindAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }

        var group = half.Group;
        if (group.Acceptor is null)
        {
            var socket = await _sockets.BindAsync(half.Address, cancellationToken).ConfigureAwait(false);
            group.Acceptor = new SharedAcceptor(socket);
        }

        return group.Acceptor.CreateListener(half);
    }
}
