using System.Globalization;
using System.Net;

namespace Weir.Gateway.Configuration;

/// <summary>Parses listener addresses: <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>0.0.0.0:80</c> or <c>localhost:8080</c>; port 0 picks a free port.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint, out string error)
    {
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        var trimmed = text.Trim();
        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{text}' is not a listen address: write host:port without a scheme, for example 127.0.0.1:8080";
            return false;
        }

        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            error = $"'{text}' is not a listen address: expected host:port, for example 127.0.0.1:8080";
            return false;
        }

        var host = trimmed[..colon];
        var portText = trimmed[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            error = $"'{text}': the port must be a number from 0 to 65535";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        IPAddress? address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address))
        {
            error = $"'{text}': the host must be an IP address or localhost (host names are not resolved for listeners)";
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        error = string.Empty;
        return true;
    }
}
