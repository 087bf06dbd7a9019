using Weir.ProxyWasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>A runtime for one test, with a recording logger and (optionally) a callout dispatcher, sharing the compiled filters.</summary>
internal sealed class TestRuntime
{
    public TestRuntime(IHttpCalloutDispatcher? callouts = null, TimeProvider? timeProvider = null, IReadOnlyDictionary<string, ForeignFunction>? foreignFunctions = null, NodeDescription? node = null)
    {
        Runtime = new ProxyWasmRuntime(new ProxyWasmRuntimeOptions
        {
            Engine = Filters.Engine,
            Logger = Logger,
            HttpCallouts = callouts,
            TimeProvider = timeProvider ?? TimeProvider.System,
            ForeignFunctions = foreignFunctions ?? new Dictionary<string, ForeignFunction>(),
            Node = node ?? NodeDescription.Empty,
        });
    }

    public RecordingLogger Logger { get; } = new();

    public ProxyWasmRuntime Runtime { get; }

    public Plugin CreatePlugin(string filterFile, PluginConfiguration configuration) =>
        Runtime.CreatePlugin(Filters.Load(filterFile), configuration);
}
