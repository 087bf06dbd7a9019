using System.Collections.Concurrent;
using Weir.Wasm.Compilation;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>
/// Compiles modules and holds what they share: compilation options, the registry that gives
/// structurally equal signatures one id (for <c>call_indirect</c> checks across modules), and
/// generated adapters. Thread-safe; create one per process and share it.
/// </summary>
public sealed class Engine
{
    private readonly ConcurrentDictionary<FunctionType, int> _typeIds = new();
    private int _nextTypeId;

    /// <summary>Creates an engine.</summary>
    public Engine(EngineOptions? options = null)
    {
        Options = options ?? EngineOptions.Default;
    }

    /// <summary>The engine's options.</summary>
    public EngineOptions Options { get; }

    internal InvokerCache Invokers { get; } = new();

    internal HostAdapterCache HostAdapters { get; } = new();

    internal ModuleCache Modules { get; } = new();

    /// <summary>The id shared by all structurally equal signatures in this engine.</summary>
    internal int GetTypeId(FunctionType type) =>
        _typeIds.GetOrAdd(type, _ => Interlocked.Increment(ref _nextTypeId));
}
