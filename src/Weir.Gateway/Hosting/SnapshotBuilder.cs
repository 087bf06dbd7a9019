using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Weir.Gateway.AccessLog;
using Weir.Gateway.Clusters;
using Weir.Gateway.Configuration;
using Weir.Gateway.Filters;
using Weir.Gateway.Metrics;
using Weir.Gateway.Routing;
using Weir.ProxyWasm;

namespace Weir.Gateway.Hosting;

/// <summary>
/// Compiles a parsed configuration into a <see cref="GatewaySnapshot"/>, reusing running clusters and
/// filters whose definitions (and module bytes) did not change; new filters are started here, so a
/// module that does not load fails the reload instead of requests.
/// </summary>
internal sealed class SnapshotBuilder
{
    private readonly SharedComponents _components;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Func<(ProxyWasmRuntime Runtime, ModuleResolver Resolver)> _filterHost;

    public SnapshotBuilder(SharedComponents components, GatewayMetrics metrics, ILogger logger, Func<(ProxyWasmRuntime Runtime, ModuleResolver Resolver)> filterHost)
    {
        _components = components;
        _metrics = metrics;
        _logger = logger;
        _filterHost = filterHost;
    }

    /// <exception cref="GatewayConfigurationException">A part of the configuration could not be started.</exception>
    public async Task<GatewaySnapshot> BuildAsync(ParsedConfiguration parsed, long version, string sourceDigest, CancellationToken cancellationToken)
    {
        var definition = parsed.Definition ?? throw new GatewayConfigurationException(parsed.Errors);
        var leases = new List<IComponentLease>();
        try
        {
            var filters = new Dictionary<string, FilterRuntime>(StringComparer.Ordinal);
            for (var index = 0; index < definition.Filters.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lease = await AcquireFilterAsync(definition.Filters[index], index, parsed.Locations, cancellationToken).ConfigureAwait(false);
                leases.Add(lease);
                filters[definition.Filters[index].Name] = lease.Value;
            }

            var clusters = new Dictionary<string, ClusterRuntime>(StringComparer.Ordinal);
            foreach (var cluster in definition.Clusters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lease = await _components.AcquireAsync("cluster:" + DefinitionJson.Fingerprint(cluster), () =>
                {
                    var runtime = new ClusterRuntime(cluster, _metrics.Cluster(cluster.Name), _logger);
                    runtime.Start();
                    return ValueTask.FromResult(runtime);
                }).ConfigureAwait(false);
                leases.Add(lease);
                clusters[cluster.Name] = lease.Value;
            }

            var listeners = new Dictionary<string, ListenerRuntime>(StringComparer.Ordinal);
            foreach (var listener in definition.Listeners)
            {
                var routes = listener.Routes
                    .Select(route => new RouteRuntime(listener.Name, route, clusters[route.Cluster], ChainOf(listener, route, filters), _metrics.Route(listener.Name, route.Name)))
                    .ToArray();
                _metrics.Listener(listener.Name);
                listeners[ListenerServerKey.Of(listener)] = new ListenerRuntime(listener, routes);
            }

            AccessLogWriter? accessLog = null;
            if (definition.AccessLog is { } log)
            {
                try
                {
                    var lease = await _components.AcquireAsync("access_log:" + log.Path, () => ValueTask.FromResult(new AccessLogWriter(log.Path))).ConfigureAwait(false);
                    leases.Add(lease);
                    accessLog = lease.Value;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new GatewayConfigurationException([parsed.Locations.ErrorAt("access_log", $"cannot open '{log.Path}': {exception.Message}")]);
                }
            }

            return new GatewaySnapshot(version, definition, sourceDigest, listeners.ToFrozenDictionary(StringComparer.Ordinal), clusters.ToFrozenDictionary(StringComparer.Ordinal), filters.ToFrozenDictionary(StringComparer.Ordinal), accessLog, leases);
        }
        catch
        {
            foreach (var lease in leases)
            {
                await lease.ReleaseAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static FilterChain ChainOf(ListenerDefinition listener, RouteDefinition route, Dictionary<string, FilterRuntime> filters)
    {
        if (listener.Filters.Count == 0 && route.Filters.Count == 0)
        {
            return FilterChain.Empty;
        }

        return new FilterChain(listener.Filters.Concat(route.Filters).Select(name => filters[name]).ToArray());
    }

    private async Task<ComponentLease<FilterRuntime>> AcquireFilterAsync(FilterDefinition filter, int index, SourceLocations locations, CancellationToken cancellationToken)
    {
        var (runtime, resolver) = _filterHost();
        ResolvedModule module;
        try
        {
            module = await resolver.ResolveAsync(filter, cancellationToken).ConfigureAwait(false);
        }
        catch (ModuleResolutionException exception)
        {
            throw new GatewayConfigurationException([locations.ErrorAt($"filters[{index}].{exception.Field}", exception.Message)]);
        }

        var key = "filter:" + DefinitionJson.Fingerprint(filter) + "@" + module.Digest;
        try
        {
            return await _components.AcquireAsync(key, () =>
            {
                var plugin = runtime.CreatePlugin(module.Module, PluginConfigurationOf(filter));
                return ValueTask.FromResult(new FilterRuntime(filter, module.Digest, plugin, _metrics.Filter(filter.Name)));
            }).ConfigureAwait(false);
        }
        catch (PluginLoadException exception)
        {
            throw new GatewayConfigurationException([locations.ErrorAt($"filters[{index}]", $"the filter '{filter.Name}' did not start: {exception.Message}")]);
        }
        catch (ArgumentException exception)
        {
            throw new GatewayConfigurationException([locations.ErrorAt($"filters[{index}].limits", exception.Message)]);
        }
    }

    private static PluginConfiguration PluginConfigurationOf(FilterDefinition filter)
    {
        var limits = PluginLimits.Default;
        var configured = filter.Limits;
        limits = limits with
        {
            MaxMemoryBytes = configured.MemoryBytes ?? limits.MaxMemoryBytes,
            CallbackTimeout = configured.CallbackTimeout ?? limits.CallbackTimeout,
            MaxVms = configured.MaxVms ?? limits.MaxVms,
            MaxBufferedBodyBytes = configured.MaxBufferedBodyBytes ?? limits.MaxBufferedBodyBytes,
            RecycleMemoryFraction = configured.RecycleMemoryFraction ?? limits.RecycleMemoryFraction,
        };
        return new PluginConfiguration
        {
            Name = filter.Name,
            RootId = filter.RootId,
            VmId = filter.VmId,
            ConfigurationText = filter.Configuration,
            VmConfigurationText = filter.VmConfiguration,
            FailurePolicy = filter.FailurePolicy switch
            {
                FilterFailurePolicy.FailOpen => FailurePolicy.FailOpen,
                FilterFailurePolicy.Reload => FailurePolicy.Reload,
                _ => FailurePolicy.FailClosed,
            },
            Limits = limits,
        };
    }
}
