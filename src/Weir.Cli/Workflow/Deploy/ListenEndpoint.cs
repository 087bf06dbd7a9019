using System.Globalization;
using System.Net;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>A listen address, <c>host:port</c> or <c>[v6]:port</c>.</summary>
internal sealed record ListenEndpoint(string Host, int Port)
{
    /// <exception cref="WorkflowException">The text is not host:port with a port from 0 (any free port) to 65535 (usage error).</exception>
    public static ListenEndpoint Parse(string text, string option)
    {
        var trimmed = text.Trim();
        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw WorkflowException.Usage($"{option} '{text}' is not host:port (e.g. 127.0.0.1:8080)");
        }

        var host = trimmed[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return new ListenEndpoint(host, port);
    }

    /// <summary>The host as an IP address, as Envoy listeners need it (<c>localhost</c> becomes 127.0.0.1).</summary>
    public string IpAddress => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : Host;

    /// <summary>Whether the host is an IP address rather than a name.</summary>
    public bool HostIsAddress => IPAddress.TryParse(IpAddress, out _);

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
