using System.Diagnostics.CodeAnalysis;
using Weir.Gateway;

namespace Weir.Cli.Proxy;

/// <summary>The options of <c>weir proxy</c>, and how they become a configuration source.</summary>
internal sealed record ProxySettings(
    string? ConfigPath,
    string? Listen,
    string? Upstream,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> FilterConfigurations,
    IReadOnlyList<string> RootIds,
    string? Admin,
    string? AccessLog,
    bool Check,
    string LogLevel)
{
    /// <summary>A file source for <c>-c</c>, or the one-line gateway; false with the reason when the options do not fit together.</summary>
    public bool TryCreateSource([NotNullWhen(true)] out GatewaySource? source, out string problem)
    {
        source = null;
        var oneLine = Listen is not null || Upstream is not null || Filters.Count > 0 || FilterConfigurations.Count > 0 || RootIds.Count > 0 || Admin is not null || AccessLog is not null;
        if (ConfigPath is not null)
        {
            if (oneLine)
            {
                problem = "--config cannot be combined with --listen, --upstream, --filter, --filter-config, --root-id, --admin or --access-log (put them in the file)";
                return false;
            }

            source = GatewaySource.FromFile(ConfigPath);
            problem = string.Empty;
            return true;
        }

        if (Listen is null || Upstream is null)
        {
            problem = "give a configuration file (-c gateway.yaml), or at least --listen HOST:PORT and --upstream URL";
            return false;
        }

        if (!Gateway.Configuration.ListenAddress.TryParse(Listen, out _, out var listenError))
        {
            problem = "--listen " + listenError;
            return false;
        }

        if (!Uri.TryCreate(Upstream, UriKind.Absolute, out var upstream) || (upstream.Scheme != Uri.UriSchemeHttp && upstream.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"--upstream '{Upstream}' is not an absolute http:// or https:// address, for example http://127.0.0.1:9000";
            return false;
        }

        if (FilterConfigurations.Count > Filters.Count || RootIds.Count > Filters.Count)
        {
            problem = $"--filter-config and --root-id apply to the --filter at the same position; got {Filters.Count} --filter, {FilterConfigurations.Count} --filter-config and {RootIds.Count} --root-id";
            return false;
        }

        var filters = Filters.Select((module, index) => new SingleUpstreamFilter(
            module,
            index < FilterConfigurations.Count ? FilterConfigurations[index] : null,
            index < RootIds.Count ? RootIds[index] : null)).ToArray();
        source = GatewaySource.FromCommandLine(new SingleUpstreamOptions
        {
            Listen = Listen,
            Upstream = Upstream,
            Filters = filters,
            Admin = Admin,
            AccessLog = AccessLog,
        });
        problem = string.Empty;
        return true;
    }
}
