using System.Collections.Concurrent;
using Weir.ProxyWasm.ForeignFunctions;
using Weir.ProxyWasm.SharedState;
using Weir.Wasm;

namespace Weir.ProxyWasm;

/// <summary>
/// The proxy-wasm host of one process: it compiles modules, creates plugins, and holds what plugins
/// share: shared data and shared queues (scoped by vm id), metrics, foreign functions, the node
/// description and the callout dispatcher. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var runtime = new ProxyWasmRuntime(new ProxyWasmRuntimeOptions { Logger = logger, HttpCallouts = clusters });
/// var module = runtime.LoadModule("add_header.wasm");
/// await using var plugin = runtime.CreatePlugin(module, new PluginConfiguration { Name = "add-header", RootId = "add_header" });
/// await using var filter = plugin.CreateHttpStream(exchange);
/// var outcome = await filter.OnRequestHeadersAsync(endOfStream: true);
/// </code>
/// </example>
public sealed class ProxyWasmRuntime
{
    private readonly ConcurrentDictionary<string, SharedDataStore> _sharedData = new(StringComparer.Ordinal);

    /// <summary>Creates a runtime.</summary>
    public ProxyWasmRuntime(ProxyWasmRuntimeOptions? options = null)
    {
        Options = options ?? new ProxyWasmRuntimeOptions();
        Engine = Options.Engine ?? new Engine();
    }

    /// <summary>The options.</summary>
    public ProxyWasmRuntimeOptions Options { get; }

    /// <summary>The engine modules are compiled with.</summary>
    public Engine Engine { get; }

    /// <summary>The metrics plugins defined.</summary>
    public MetricRegistry Metrics { get; } = new();

    internal SharedQueueRegistry Queues { get; } = new();

    internal IPluginLogger Logger => Options.Logger;

    /// <summary>Decodes, validates and compiles a proxy-wasm module and checks its ABI (compile once, use for many plugins).</summary>
    /// <exception cref="ProxyWasmModuleException">The module is not a usable proxy-wasm module.</exception>
    public ProxyWasmModule CompileModule(ReadOnlyMemory<byte> binary, string? name = null) => ProxyWasmModule.Compile(Engine, binary, name);

    /// <summary>Reads and compiles a module file.</summary>
    /// <exception cref="ProxyWasmModuleException">The module is not a usable proxy-wasm module.</exception>
    public ProxyWasmModule LoadModule(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ProxyWasmModule.Compile(Engine, File.ReadAllBytes(path), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Creates a plugin and starts its first VM (root context, <c>proxy_on_vm_start</c>,
    /// <c>proxy_on_configure</c>), so that a bad module or configuration fails here.
    /// </summary>
    /// <exception cref="PluginLoadException">The VM could not be started or the plugin rejected its configuration.</exception>
    public Plugin CreatePlugin(ProxyWasmModule module, PluginConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(configuration);
        if (module.Module.Engine != Engine)
        {
            throw new ArgumentException("the module was compiled by another runtime's engine", nameof(module));
        }

        configuration.Validate();
        return new Plugin(this, module, configuration);
    }

    /// <summary>Reads a shared-data entry of a vm id (for inspection and tests).</summary>
    public bool TryGetSharedData(string vmId, string key, out byte[] value, out uint cas)
    {
        ArgumentNullException.ThrowIfNull(vmId);
        ArgumentNullException.ThrowIfNull(key);
        return GetSharedData(vmId).Get(key, out value, out cas) == ProxyStatus.Ok;
    }

    /// <summary>Writes a shared-data entry of a vm id unconditionally (to seed data filters read).</summary>
    public void SetSharedData(string vmId, string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(vmId);
        ArgumentNullException.ThrowIfNull(key);
        GetSharedData(vmId).Set(key, value, 0);
    }

    internal SharedDataStore GetSharedData(string vmId) => _sharedData.GetOrAdd(vmId, static _ => new SharedDataStore());

    internal ForeignFunction? FindForeignFunction(string name) =>
        Options.ForeignFunctions.TryGetValue(name, out var function) ? function
        : BuiltInForeignFunctions.All.TryGetValue(name, out var builtIn) ? builtIn
        : null;
}
