using Weir.Wasm.Model;

namespace Weir.Wasm.Validation;

/// <summary>
/// The index spaces of a module resolved once (imports first), so the checks of every instruction
/// are array lookups: the spec's validation context C.
/// </summary>
internal sealed class ValidationContext
{
    public ValidationContext(ModuleDefinition module, FunctionType[] functions, TableType[] tables, int memoryCount, GlobalType[] globals, int importedGlobalCount, bool[] declaredFunctionReferences)
    {
        Module = module;
        Functions = functions;
        Tables = tables;
        MemoryCount = memoryCount;
        Globals = globals;
        ImportedGlobalCount = importedGlobalCount;
        DeclaredFunctionReferences = declaredFunctionReferences;
    }

    public ModuleDefinition Module { get; }

    /// <summary>The signature of every function of the function index space.</summary>
    public FunctionType[] Functions { get; }

    /// <summary>Every table of the table index space.</summary>
    public TableType[] Tables { get; }

    public int MemoryCount { get; }

    /// <summary>Every global of the global index space.</summary>
    public GlobalType[] Globals { get; }

    /// <summary>Constant expressions may only read imported globals (Wasm 2.0).</summary>
    public int ImportedGlobalCount { get; }

    /// <summary>Functions that <c>ref.func</c> may name in code: those referenced outside functions.</summary>
    public bool[] DeclaredFunctionReferences { get; }
}
