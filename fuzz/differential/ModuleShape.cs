using Weir.Wasm;

namespace Weir.Fuzz.Differential;

/// <summary>
/// What the V8 harness cannot learn from JavaScript but needs for binaryen's newer imports: the
/// parameters of every function (a call the host makes passes zeros, and i64 zeros are BigInts),
/// the function exports in order (call-export takes an index), the parameters of each
/// fuzzing-support import, and the globals to import.
/// </summary>
internal sealed record ModuleShape
{
    public static ModuleShape Empty { get; } = new();

    /// <summary>Parameters of every function of the index space, imports first.</summary>
    public IReadOnlyList<IReadOnlyList<ValueKind>> Functions { get; init; } = [];

    /// <summary>How many functions the module defines (for the campaign's figures; the harness does not need it).</summary>
    public int DefinedFunctions { get; init; }

    /// <summary>Names of the exported functions, in export order.</summary>
    public IReadOnlyList<string> ExportedFunctions { get; init; } = [];

    /// <summary>Parameters of each fuzzing-support import, by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ValueKind>> HostFunctions { get; init; } = new Dictionary<string, IReadOnlyList<ValueKind>>();

    /// <summary>The globals the module imports, which both engines provide.</summary>
    public IReadOnlyList<ImportedGlobal> ImportedGlobals { get; init; } = [];
}
