using Weir.Wasm;

namespace Weir.ProxyWasm;

/// <summary>What a <see cref="ProxyWasmRuntime"/> gives every plugin it runs.</summary>
public sealed class ProxyWasmRuntimeOptions
{
    /// <summary>The engine that compiles modules (a new one when null). Share one per process.</summary>
    public Engine? Engine { get; init; }

    /// <summary>Where plugin and host log entries go.</summary>
    public IPluginLogger Logger { get; init; } = NullPluginLogger.Instance;

    /// <summary>Sends HTTP callouts; without one every upstream is unknown and <c>proxy_http_call</c> returns BAD_ARGUMENT.</summary>
    public IHttpCalloutDispatcher? HttpCallouts { get; init; }

    /// <summary>The <c>node</c> property.</summary>
    public NodeDescription Node { get; init; } = NodeDescription.Empty;

    /// <summary>Host extensions filters may call with <c>proxy_call_foreign_function</c>, by name, beside the built-in <c>compress</c> and <c>uncompress</c>.</summary>
    public IReadOnlyDictionary<string, ForeignFunction> ForeignFunctions { get; init; } = new Dictionary<string, ForeignFunction>();

    /// <summary>The clock for <c>proxy_get_current_time_nanoseconds</c>, tick timers and callout timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
