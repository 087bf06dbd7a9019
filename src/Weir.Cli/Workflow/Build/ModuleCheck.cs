using System.Collections.Concurrent;
using Weir.Cli.Workflow.Shared;
using Weir.ProxyWasm;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.Workflow.Build;

/// <summary>
/// Checks a built module before it is packaged: Weir.Wasm validates it, the proxy-wasm host checks its
/// ABI marker and callbacks, and a plugin is started with each root id and the sample configuration,
/// which runs <c>proxy_on_vm_start</c> and <c>proxy_on_configure</c> as a proxy would.
/// </summary>
internal static class ModuleCheck
{
    private const int LogLinesShown = 10;

    /// <summary>Validates <paramref name="module"/>; returns its definition and the ABI version the host detected (e.g. <c>0.2.1</c>).</summary>
    /// <exception cref="WorkflowException">The module is invalid, is not a proxy-wasm filter, or refuses to start.</exception>
    public static async Task<(ModuleDefinition Definition, string AbiVersion)> RunAsync(
        string name,
        string displayPath,
        byte[] module,
        IReadOnlyList<string> rootIds,
        byte[] configuration,
        CancellationToken cancellationToken)
    {
        ModuleDefinition definition;
        try
        {
            definition = Module.Validate(module);
        }
        catch (Exception exception) when (exception is WasmMalformedException or WasmValidationException)
        {
            throw new WorkflowException($"{displayPath} is not valid WebAssembly: {exception.Message}");
        }

        var logger = new CollectingLogger();
        var runtime = new ProxyWasmRuntime(new ProxyWasmRuntimeOptions { Logger = logger });
        ProxyWasmModule compiled;
        try
        {
            compiled = runtime.CompileModule(module, name);
        }
        catch (ProxyWasmModuleException exception)
        {
            throw new WorkflowException($"{displayPath} is not a usable proxy-wasm filter: {exception.Message}");
        }

        foreach (var rootId in rootIds.DefaultIfEmpty(string.Empty))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Plugin plugin;
            try
            {
                plugin = runtime.CreatePlugin(compiled, new PluginConfiguration
                {
                    Name = name,
                    RootId = rootId,
                    Configuration = configuration,
                    Limits = PluginLimits.Default with { MaxVms = 1 },
                });
            }
            catch (PluginLoadException exception)
            {
                var withRootId = rootId.Length == 0 ? "without a root id" : $"with root id '{rootId}'";
                throw new WorkflowException($"{displayPath} does not start {withRootId} and the sample configuration: {exception.Message}{logger.Describe(LogLinesShown)}");
            }

            await plugin.DisposeAsync().ConfigureAwait(false);
        }

        return (definition, compiled.AbiVersionText);
    }

    /// <summary>Keeps what the filter and the host logged while starting, to show it when the start fails.</summary>
    private sealed class CollectingLogger : IPluginLogger
    {
        private readonly ConcurrentQueue<PluginLogEntry> entries = new();

        public void Log(PluginLogEntry entry) => entries.Enqueue(entry);

        public string Describe(int count)
        {
            var shown = entries.Where(entry => entry.Level >= ProxyLogLevel.Warn).TakeLast(count).ToList();
            return shown.Count == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, shown.Select(entry => "  " + entry));
        }
    }
}
