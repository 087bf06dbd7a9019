using System.Net;
using System.Net.Sockets;

namespace Weir.Gateway.Tests.Support;

/// <summary>Ports on 127.0.0.1 that nothing listens on (bound once by the OS, then released).</summary>
internal static class FreePorts
{
    public static int Reserve()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
