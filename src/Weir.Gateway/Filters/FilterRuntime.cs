using Weir.Gateway.Configuration;
using Weir.Gateway.Metrics;
using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>
/// A running filter: its plugin (a pool of VMs) and counters. Kept across reloads while its definition
/// and module bytes are unchanged, so VMs, shared state and tick timers are not restarted for nothing.
/// </summary>
internal sealed class FilterRuntime : IAsyncDisposable
{
    public FilterRuntime(FilterDefinition definition, string moduleDigest, Plugin plugin, FilterStatistics statistics)
    {
        Definition = definition;
        ModuleDigest = moduleDigest;
        Plugin = plugin;
        Statistics = statistics;
        HandlesRequestBody = plugin.Module.Exports("proxy_on_request_body");
        HandlesResponseBody = plugin.Module.Exports("proxy_on_response_body");
        HandlesRequestTrailers = plugin.Module.Exports("proxy_on_request_trailers");
        HandlesResponseTrailers = plugin.Module.Exports("proxy_on_response_trailers");
        statistics.Attach(plugin);
    }

    public FilterDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>The SHA-256 of the module bytes, lower-case hex.</summary>
    public string ModuleDigest { get; }

    public Plugin Plugin { get; }

    public FilterStatistics Statistics { get; }

    /// <summary>The module has a request body callback, so it may change the request body's length.</summary>
    public bool HandlesRequestBody { get; }

    /// <summary>The module has a response body callback.</summary>
    public bool HandlesResponseBody { get; }

    /// <summary>The module has a request trailers callback.</summary>
    public bool HandlesRequestTrailers { get; }

    /// <summary>The module has a response trailers callback.</summary>
    public bool HandlesResponseTrailers { get; }

    public async ValueTask DisposeAsync()
    {
        Statistics.Detach(Plugin);
        await Plugin.DisposeAsync().ConfigureAwait(false);
    }
}
