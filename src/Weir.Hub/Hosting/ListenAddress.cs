using System.Globalization;
using System.Net;

namespace Weir.Hub.Hosting;

/// <summary>Parses <c>host:port</c> (<c>127.0.0.1:5000</c>, <c>[::1]:5000</c>, <c>localhost:0</c>, <c>:5000</c> for all interfaces).</summary>
internal static class ListenAddress
{
    /// <exception cref="FormatException">The text is not host:port with a port from 0 to 65535.</exception>
    public static IPEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"Invalid listen address '{text}'; expected host:port, e.g. 127.0.0.1:5000.");
        }

        var host = text[..colon].Trim('[', ']');
        IPAddress address;
        if (host.Length == 0 || host == "*" || host == "0.0.0.0")
        {
            address = IPAddress.Any;
        }
        else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address!))
        {
            throw new FormatException($"Invalid listen address '{text}': '{host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost).");
        }

        return new IPEndPoint(address, port);
    }
}
