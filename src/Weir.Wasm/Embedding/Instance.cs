using Weir.Wasm.Compilation;
using Weir.Wasm.Execution;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>An instantiated module: its exports, bound to a store.</summary>
public sealed partial class Instance
{
    internal Instance(Module module, Store store, InstanceContext context)
    {
        Module = module;
        Store = store;
        Context = context;
    }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    /// <summary>The store the instance lives in.</summary>
    public Store Store { get; }

    internal InstanceContext Context { get; }

    /// <summary>The exports in the module's order.</summary>
    public IEnumerable<(string Name, Extern Item)> Exports =>
        Module.Exports.Select(export => (export.Name, Resolve(export)));

    /// <summary>An export by name, or null.</summary>
    public Extern? GetExport(string name) =>
        Module.Compiled.ExportsByName.TryGetValue(name, out var export) ? Resolve(export) : null;

    private Extern Resolve(Export export) => export.Kind switch
    {
        ExternalKind.Function => Context.GetFunction((int)export.Index),
        ExternalKind.Table => Context.Tables[export.Index],
        ExternalKind.Memory => Context.Memories[export.Index],
        _ => Context.Globals[export.Index],
    };

    /// <summary>An exported function by name, or null.</summary>
    public Function? GetFunction(string name) => GetExport(name) as Function;

    /// <summary>An exported memory by name, or null.</summary>
    public Memory? GetMemory(string name) => GetExport(name) as Memory;

    /// <summary>An exported table by name, or null.</summary>
    public Table? GetTable(string name) => GetExport(name) as Table;

    /// <summary>An exported global by name, or null.</summary>
    public Global? GetGlobal(string name) => GetExport(name) as Global;

    private Function? GetTypedFunction(string name, Type[] parameterTypes, Type? resultType)
    {
        var function = GetFunction(name);
        if (function is null)
        {
            return null;
        }

        var type = function.Type;
        var expectedResults = resultType is null ? 0 : 1;
        if (type.Parameters.Length != parameterTypes.Length || type.Results.Length != expectedResults
            || (resultType is not null && !CallingConvention.Matches(resultType, type.Results[0]))
            || parameterTypes.Where((clrType, i) => !CallingConvention.Matches(clrType, type.Parameters[i])).Any())
        {
            throw new ArgumentException($"export '{name}' has type {type}, which does not match the requested delegate");
        }

        return function;
    }
}
