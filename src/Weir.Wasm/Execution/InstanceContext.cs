using Weir.Wasm.Compilation;

namespace Weir.Wasm.Execution;

/// <summary>
/// Everything compiled code of one instance reaches through its context argument. Fields, not
/// properties, so that generated IL loads them directly.
/// </summary>
internal sealed class InstanceContext
{
    public Memory? Memory0;
    public Memory[] Memories = [];
    public Table[] Tables = [];
    public Global[] Globals = [];
    /// <summary>Imports are set at instantiation; defined functions are created on first use (<see cref="GetFunction"/>).</summary>
    public Function?[] Functions = [];
    public object?[]?[] ElementSegments = [];
    public ReadOnlyMemory<byte>[] DataSegments = [];
    public required ExecutionState Execution;
    public required Store Store;
    public Instance? Instance;

    /// <summary>The generated code; holding it keeps the code alive while functions of this instance can be called.</summary>
    public required CompiledModule Module;

    /// <summary>The function reference for an index, created on first use so instantiation need not allocate one per function.</summary>
    public Function GetFunction(int index)
    {
        var existing = Functions[index];
        if (existing is not null)
        {
            return existing;
        }

        var module = Module;
        var created = new Function(Store, module.FunctionTypes[index], module.FunctionTypeIds[index], this, module.FunctionCode[index - module.ImportedFunctionCount], module.FunctionNames[index]);
        return Interlocked.CompareExchange(ref Functions[index], created, null) ?? created;
    }
}
