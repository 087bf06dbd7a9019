using System.Collections.Immutable;
using Weir.Wasm.Compilation;
using Weir.Wasm.Execution;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>
/// Names the things modules may import (host functions, and memories, tables, globals and
/// functions of stores) and instantiates modules against them.
/// </summary>
public sealed class Linker
{
    private readonly Dictionary<(string Module, string Name), object> _definitions = [];

    /// <summary>Creates a linker for modules of <paramref name="engine"/>.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine.</summary>
    public Engine Engine { get; }

    /// <summary>Whether a later definition may replace an earlier one with the same names (default: false, which throws).</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines an existing function, table, memory or global under a module and item name.</summary>
    public Linker Define(string module, string name, Extern item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Add(module, name, item);
        return this;
    }

    /// <summary>Defines a host function with untyped arguments and results.</summary>
    public Linker DefineFunction(string module, string name, FunctionType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        Add(module, name, new HostFunctionDefinition(type, callback, typeof(HostFunctionCallback), HasCaller: true, Untyped: true));
        return this;
    }

    /// <summary>
    /// Defines a host function from a typed delegate, for example
    /// <c>(Caller caller, int pointer, int length) =&gt; …</c>. Parameters and result map to Wasm types:
    /// int/uint → i32, long/ulong → i64, float → f32, double → f64, Vector128&lt;byte&gt; → v128,
    /// Function → funcref, object → externref. An optional first <see cref="Caller"/> parameter gives
    /// access to the calling instance. Calls cost no boxing and no reflection.
    /// </summary>
    public Linker DefineFunction(string module, string name, Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var invoke = callback.GetType().GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var hasCaller = parameters.Length > 0 && parameters[0].ParameterType == typeof(Caller);
        var parameterKinds = parameters.Skip(hasCaller ? 1 : 0).Select(p => MapType(p.ParameterType, name)).ToImmutableArray();
        var resultKinds = invoke.ReturnType == typeof(void) ? [] : ImmutableArray.Create(MapType(invoke.ReturnType, name));
        var type = new FunctionType(parameterKinds, resultKinds);
        Add(module, name, new HostFunctionDefinition(type, callback, callback.GetType(), hasCaller, Untyped: false));
        return this;
    }

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, item) in instance.Exports)
        {
            Add(module, name, item);
        }

        return this;
    }

    /// <summary>Whether something is defined under the names.</summary>
    public bool IsDefined(string module, string name) => _definitions.ContainsKey((module, name));

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>: resolves its imports,
    /// creates its memories, tables and globals, applies its active segments and runs its start function.
    /// </summary>
    /// <exception cref="WasmLinkException">An import is missing or has an incompatible type.</exception>
    /// <exception cref="WasmTrapException">A segment did not fit or the start function trapped.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        if (store.Engine != Engine || module.Engine != Engine)
        {
            throw new ArgumentException("the store, the module and the linker must share one engine");
        }

        var imports = new object[module.Imports.Length];
        for (var i = 0; i < imports.Length; i++)
        {
            var import = module.Imports[i];
            imports[i] = _definitions.TryGetValue((import.Module, import.Name), out var definition)
                ? definition
                : throw new WasmLinkException($"unknown import: {import.Module}.{import.Name} is not defined");
        }

        return Instantiation.Run(store, module, imports);
    }

    private void Add(string module, string name, object definition)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
        {
            throw new InvalidOperationException($"{module}.{name} is already defined");
        }

        _definitions[(module, name)] = definition;
    }

    private static ValueKind MapType(Type clrType, string functionName) =>
        CallingConvention.KindOf(clrType)
        ?? throw new ArgumentException($"host function '{functionName}' uses {clrType.Name}, which has no WebAssembly type");
}
