using System.Reflection.Emit;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>What every function of a module needs while it is compiled, with index spaces resolved once.</summary>
internal sealed record ModuleCompilationContext(
    Engine Engine,
    ModuleDefinition Definition,
    FunctionType[] FunctionTypes,
    int[] TypeIds,
    MethodBuilder[] Methods,
    ValueKind[] GlobalKinds,
    ValueKind[] TableKinds)
{
    public bool HasMemory => Definition.Memories.Length > 0 || Definition.ImportedMemoryCount > 0;
}
