using System.Net;
using System.Net.Sockets;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>
/// A port that was free a moment ago on 127.0.0.1, for the hub, whose address must be known before it
/// starts (the build tags the module with it, as a user would).
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
