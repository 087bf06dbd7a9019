using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Weir.Gateway.AccessLog;
using Weir.Gateway.Clusters;
using Weir.Gateway.Configuration;
using Weir.Gateway.Metrics;
using Weir.Gateway.Routing;

namespace Weir.Gateway.Hosting;

/// <summary>Compiles a parsed configuration into a <see cref="GatewaySnapshot"/>, reusing running clusters whose definitions did not change.</summary>
internal sealed class SnapshotBuilder
{
    private readonly SharedComponents _components;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    public SnapshotBuilder(SharedComponents components, GatewayMetrics metrics, ILogger logger)
    {
        _components = components;
        _metrics = metrics;
        _logger = logger;
    }

    /// <exception cref="GatewayConfigurationException">A part of the configuration could not be started.</exception>
    public async Task<GatewaySnapshot> BuildAsync(ParsedConfiguration parsed, long version, string sourceDigest, CancellationToken cancellationToken)
    {
        var definition = parsed.Definition ?? throw new GatewayConfigurationException(parsed.Errors);
        var leases = new List<IComponentLease>();
        try
        {
            if (definition.Filters.Count > 0)
            {
                throw new GatewayConfigurationException([parsed.Locations.ErrorAt("filters", "filter chains are not available in this build of the gateway yet")]);
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
                    .Select(route => new RouteRuntime(listener.Name, route, clusters[route.Cluster], _metrics.Route(listener.Name, route.Name)))
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

            return new GatewaySnapshot(version, definition, sourceDigest, listeners.ToFrozenDictionary(StringComparer.Ordinal), clusters.ToFrozenDictionary(StringComparer.Ordinal), accessLog, leases);
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
}
