using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Weir.Gateway.Admin;
using Weir.Gateway.Configuration;
using Weir.Gateway.Filters;
using Weir.Gateway.Forwarding;
using Weir.Gateway.Hosting;
using Weir.Gateway.Metrics;
using Weir.ProxyWasm;

namespace Weir.Gateway;

/// <summary>
/// A running gateway: listeners (Kestrel), the active configuration version, the admin listener and the
/// configuration file watch. Reloads build the next version completely (clusters, filters, new listeners)
/// before swapping it in atomically; requests in flight finish on the version they started with.
/// </summary>
/// <example>
/// <code>
/// await using var gateway = await GatewayHost.StartAsync(GatewaySource.FromFile("gateway.yaml"));
/// Console.WriteLine(gateway.ListenerAddresses["public"]);
/// </code>
/// </example>
public sealed class GatewayHost : IAsyncDisposable, IGatewayControl
{
    private readonly GatewaySource _source;
    private readonly GatewayHostOptions _options;
    private readonly ILogger _logger;
    private readonly SnapshotHolder _snapshots = new();
    private readonly SharedComponents _components = new();
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly ProxyHandler _proxy;
    private readonly SnapshotBuilder _builder;
    private readonly Dictionary<string, ListenerServer> _servers = new(StringComparer.Ordinal);
    private readonly List<Task> _stopping = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _filterHostLock = new();
    private (ProxyWasmRuntime Runtime, ModuleResolver Resolver)? _filterHost;
    private ConfigurationWatcher? _watcher;
    private ListenerServer? _admin;
    private string? _adminAddress;
    private IReadOnlyDictionary<string, Uri> _listenerAddresses = new Dictionary<string, Uri>();
    private long _version;
    private int _disposed;

    private GatewayHost(GatewaySource source, GatewayHostOptions options)
    {
        _source = source;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Weir.Gateway");
        _proxy = new ProxyHandler(_snapshots, Metrics, _logger);
        _builder = new SnapshotBuilder(_components, Metrics, _logger, FilterHost);
    }

    /// <summary>The configuration version now active (1 after start; each successful reload adds 1).</summary>
    public long ConfigurationVersion => _snapshots.Current?.Version ?? 0;

    /// <summary>Bound listener addresses by listener name (with real ports where the configuration asked for port 0).</summary>
    public IReadOnlyDictionary<string, Uri> ListenerAddresses => Volatile.Read(ref _listenerAddresses);

    /// <summary>The admin listener's address, or null when the configuration has none.</summary>
    public Uri? AdminAddress => _admin?.Address;

    /// <summary>Where the configuration comes from.</summary>
    public string SourceName => _source.Name;

    GatewaySnapshot? IGatewayControl.Current => _snapshots.Current;

    internal GatewayMetrics Metrics { get; } = new();

    GatewayMetrics IGatewayControl.Metrics => Metrics;

    MetricRegistry? IGatewayControl.FilterMetrics => _filterHost?.Runtime.Metrics;

    internal SharedComponents Components => _components;

    /// <summary>Loads the configuration, starts its clusters and listeners, the admin listener and the file watch.</summary>
    /// <exception cref="GatewayConfigurationException">The configuration is invalid or a listener could not be bound.</exception>
    public static async Task<GatewayHost> StartAsync(GatewaySource source, GatewayHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var host = new GatewayHost(source, options ?? new GatewayHostOptions());
        try
        {
            var result = await host.ReloadCoreAsync(force: true, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new GatewayConfigurationException(result.Errors);
            }

            if (host._snapshots.Current!.Definition.Admin is { } admin)
            {
                await host.StartAdminAsync(admin, cancellationToken).ConfigureAwait(false);
            }

            if (source.FilePath is not null && host._options.WatchConfigurationFile)
            {
                host._watcher = new ConfigurationWatcher(source.FilePath, host.ReloadFromWatchAsync);
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the configuration again and, when it is valid and everything in it starts, makes it the active version.</summary>
    public Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken = default) => ReloadCoreAsync(force: true, cancellationToken);

    /// <summary>Stops listening, lets requests in flight finish (up to the drain timeout), and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _watcher?.Dispose();
        await _reloadLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var stops = _servers.Values.Select(server => server.StopAsync(_options.DrainTimeout)).ToList();
            if (_admin is not null)
            {
                stops.Add(_admin.StopAsync(TimeSpan.FromSeconds(1)));
            }

            await Task.WhenAll(stops).ConfigureAwait(false);
            foreach (var server in _servers.Values)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            if (_admin is not null)
            {
                await _admin.DisposeAsync().ConfigureAwait(false);
            }

            _servers.Clear();
            Task[] pending;
            lock (_stopping)
            {
                pending = [.. _stopping];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
            var last = _snapshots.Swap(null);
            if (last is not null)
            {
                await last.Drained.ConfigureAwait(false);
            }
        }
        finally
        {
            _reloadLock.Release();
            _shutdown.Dispose();
        }
    }

    /// <summary>The proxy-wasm runtime filters run in (started with the first configuration that has filters).</summary>
    internal ProxyWasmRuntime? FilterRuntime => _filterHost?.Runtime;

    IReadOnlyList<string> IGatewayControl.NotReadyReasons()
    {
        var reasons = new List<string>();
        var snapshot = _snapshots.Current;
        if (snapshot is null || Volatile.Read(ref _disposed) != 0)
        {
            reasons.Add("no configuration is active");
            return reasons;
        }

        foreach (var (key, listener) in snapshot.ListenersByKey)
        {
            lock (_servers)
            {
                if (!_servers.ContainsKey(key))
                {
                    reasons.Add($"listener {listener.Definition.Name} is not listening");
                }
            }
        }

        foreach (var filter in snapshot.Filters.Values)
        {
            var health = filter.Plugin.Health;
            if (health.State != PluginState.Ready)
            {
                reasons.Add($"filter {filter.Name} has no running VM ({health.LastFailure ?? health.State.ToString()})");
            }
        }

        return reasons;
    }

    Task<ReloadResult> IGatewayControl.ReloadAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    private Task ReloadFromWatchAsync() => ReloadCoreAsync(force: false, _shutdown.Token);

    private async Task<ReloadResult> ReloadCoreAsync(bool force, CancellationToken cancellationToken)
    {
        try
        {
            await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return new ReloadResult(false, ConfigurationVersion, false, [new ConfigurationError(_source.Name, 0, 0, string.Empty, "the gateway is shutting down")]);
        }

        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return new ReloadResult(false, ConfigurationVersion, false, [new ConfigurationError(_source.Name, 0, 0, string.Empty, "the gateway is shutting down")]);
            }

            var (parsed, digest) = _source.Load();
            var current = _snapshots.Current;
            if (!force && current is not null && parsed.Succeeded && digest == current.SourceDigest)
            {
                return new ReloadResult(true, current.Version, false, []);
            }

            if (!parsed.Succeeded)
            {
                return Failed(parsed.Errors);
            }

            var definition = parsed.Definition!;
            if (current is not null && _adminAddress != definition.Admin?.Address)
            {
                return Failed([parsed.Locations.ErrorAt("admin.address", "the admin address cannot change while the gateway runs; restart it to move the admin listener")]);
            }

            GatewaySnapshot next;
            try
            {
                next = await _builder.BuildAsync(parsed, _version + 1, digest, cancellationToken).ConfigureAwait(false);
            }
            catch (GatewayConfigurationException exception)
            {
                return Failed(exception.Errors);
            }

            var started = await StartListenersAsync(next, parsed.Locations, cancellationToken).ConfigureAwait(false);
            if (started.Errors.Count > 0)
            {
                next.Retire();
                return Failed(started.Errors);
            }

            _version = next.Version;
            _snapshots.Swap(next);
            StopUnusedListeners(next);
            _filterHost?.Resolver.Retain(next.Filters.Values.Select(filter => filter.ModuleDigest));
            Metrics.ReloadSucceeded();
            GatewayLog.ConfigurationActive(_logger, next.Version, _source.Name, definition.Listeners.Count, definition.Clusters.Count, definition.Filters.Count);
            return new ReloadResult(true, next.Version, true, []);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            GatewayLog.ReloadCrashed(_logger, _source.Name, exception);
            return Failed([new ConfigurationError(_source.Name, 0, 0, string.Empty, "the reload failed unexpectedly: " + exception.Message)]);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private ReloadResult Failed(IReadOnlyList<ConfigurationError> errors)
    {
        // A first load that fails is not a reload: StartAsync throws the errors to its caller, who reports them.
        if (_snapshots.Current is not null)
        {
            Metrics.ReloadFailed();
            GatewayLog.ReloadFailed(_logger, _source.Name, ConfigurationVersion, string.Join(Environment.NewLine, errors));
        }

        return new ReloadResult(false, ConfigurationVersion, false, errors);
    }

    private async Task<(IReadOnlyList<ConfigurationError> Errors, int Started)> StartListenersAsync(GatewaySnapshot next, SourceLocations locations, CancellationToken cancellationToken)
    {
        var startedNow = new List<ListenerServer>();
        var addresses = new Dictionary<string, Uri>(StringComparer.Ordinal);
        for (var index = 0; index < next.Definition.Listeners.Count; index++)
        {
            var listener = next.Definition.Listeners[index];
            var key = ListenerServerKey.Of(listener);
            ListenerServer? server;
            lock (_servers)
            {
                _servers.TryGetValue(key, out server);
            }

            if (server is null)
            {
                ListenAddress.TryParse(listener.Address, out var endPoint, out _);
                try
                {
                    server = await ListenerServer.StartAsync(key, endPoint, listener.Protocols, context => _proxy.HandleAsync(context, key), runOnIoThreads: true, _options.LoggerFactory, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    foreach (var started in startedNow)
                    {
                        await started.DisposeAsync().ConfigureAwait(false);
                    }

                    return ([locations.ErrorAt($"listeners[{index}].address", $"cannot listen on {listener.Address}: {exception.Message}")], 0);
                }

                startedNow.Add(server);
                GatewayLog.ListenerStarted(_logger, listener.Name, server.Address);
            }

            addresses[listener.Name] = server.Address;
        }

        lock (_servers)
        {
            foreach (var server in startedNow)
            {
                _servers[server.Key] = server;
            }
        }

        Volatile.Write(ref _listenerAddresses, addresses);
        return ([], startedNow.Count);
    }

    private void StopUnusedListeners(GatewaySnapshot active)
    {
        List<ListenerServer> unused;
        lock (_servers)
        {
            unused = _servers.Values.Where(server => !active.ListenersByKey.ContainsKey(server.Key)).ToList();
            foreach (var server in unused)
            {
                _servers.Remove(server.Key);
            }
        }

        foreach (var server in unused)
        {
            var stop = Task.Run(async () =>
            {
                await server.StopAsync(_options.DrainTimeout).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
                GatewayLog.ListenerStopped(_logger, server.Address);
            });
            lock (_stopping)
            {
                _stopping.RemoveAll(task => task.IsCompleted);
                _stopping.Add(stop);
            }
        }
    }

    private (ProxyWasmRuntime Runtime, ModuleResolver Resolver) FilterHost()
    {
        lock (_filterHostLock)
        {
            if (_filterHost is { } existing)
            {
                return existing;
            }

            var runtime = new ProxyWasmRuntime(new ProxyWasmRuntimeOptions
            {
                Logger = new PluginLogAdapter(_options.LoggerFactory.CreateLogger("Weir.Gateway.Filters")),
                HttpCallouts = new ClusterCalloutDispatcher(_snapshots),
                Node = new NodeDescription { Id = "weir-gateway" },
            });
            _filterHost = (runtime, new ModuleResolver(runtime, _options.LocalStorePath));
            return _filterHost.Value;
        }
    }

    private async Task StartAdminAsync(AdminDefinition admin, CancellationToken cancellationToken)
    {
        ListenAddress.TryParse(admin.Address, out var endPoint, out _);
        var handler = new AdminHandler(this);
        try
        {
            _admin = await ListenerServer.StartAsync("admin", endPoint, ListenerProtocols.Http1AndHttp2, handler.HandleAsync, runOnIoThreads: false, _options.LoggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new GatewayConfigurationException([new ConfigurationError(_source.Name, 0, 0, "admin.address", $"cannot listen on {admin.Address}: {exception.Message}")]);
        }

        _adminAddress = admin.Address;
        GatewayLog.AdminStarted(_logger, _admin.Address);
    }
}
