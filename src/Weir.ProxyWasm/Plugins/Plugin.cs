using Weir.ProxyWasm.Hosting;
using Weir.ProxyWasm.Plugins;

namespace Weir.ProxyWasm;

/// <summary>
/// A compiled module plus its configuration, running in a pool of VMs (one per concurrent worker,
/// up to <see cref="PluginLimits.MaxVms"/>). Each HTTP exchange gets an <see cref="HttpFilterStream"/>
/// pinned to one VM. A failing VM is replaced with backoff; <see cref="Health"/> reports it.
/// Create plugins with <see cref="ProxyWasmRuntime.CreatePlugin"/>; a configuration change is a new plugin.
/// </summary>
public sealed class Plugin : IAsyncDisposable
{
    private int _disposed;

    internal Plugin(ProxyWasmRuntime runtime, ProxyWasmModule module, PluginConfiguration configuration)
    {
        Runtime = runtime;
        Module = module;
        Configuration = configuration;
        Pool = new VmPool(this);
        Pool.StartFirst();
    }

    /// <summary>The plugin's name.</summary>
    public string Name => Configuration.Name;

    /// <summary>The configuration.</summary>
    public PluginConfiguration Configuration { get; }

    /// <summary>The module.</summary>
    public ProxyWasmModule Module { get; }

    /// <summary>The runtime the plugin belongs to.</summary>
    public ProxyWasmRuntime Runtime { get; }

    /// <summary>Whether it can serve streams, how many VMs run, crashes and reloads so far.</summary>
    public PluginHealth Health => Pool.Health();

    internal VmPool Pool { get; }

    /// <summary>
    /// Starts filtering one HTTP exchange. The stream takes a VM on its first event; hand it each event
    /// in order and call <see cref="HttpFilterStream.CompleteAsync"/> (or dispose it) at the end.
    /// </summary>
    public HttpFilterStream CreateHttpStream(IHttpStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new HttpFilterStream(this, stream);
    }

    /// <summary>
    /// Calls <c>proxy_on_foreign_function(root, function_id, size)</c> on every running VM (ABI 0.2.x),
    /// with <paramref name="arguments"/> readable as buffer 8. VMs that fail are replaced as usual.
    /// </summary>
    public async Task NotifyForeignFunctionAsync(int functionId, ReadOnlyMemory<byte> arguments, CancellationToken cancellationToken = default)
    {
        foreach (var vm in Pool.RunningVms())
        {
            await vm.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (vm.State == VmState.Running)
                {
                    vm.CallForeignFunction(functionId, arguments);
                }
            }
            catch (VmFailedException)
            {
                // Logged; the pool replaces the VM.
            }
            finally
            {
                vm.Gate.Release();
            }
        }
    }

    /// <summary>Shuts every VM down (root contexts get <c>proxy_on_done</c> and <c>proxy_on_delete</c>) and frees their memory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Pool.StopAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"plugin '{Name}' (root id '{Configuration.RootId}', ABI {Module.AbiVersionText})";

    internal void LogHost(ProxyLogLevel level, string message) =>
        Runtime.Logger.Log(new PluginLogEntry(Name, level, message, FromHost: true));
}
