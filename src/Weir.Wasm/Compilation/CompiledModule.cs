using System.Collections.Frozen;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>The generated code of a module: shared by all its instances, immutable.</summary>
internal sealed class CompiledModule
{
    /// <summary>The generated type; holding it keeps the collectible code alive.</summary>
    public required Type GeneratedType { get; init; }

    /// <summary>Entry points of the defined functions (not imports), in definition order.</summary>
    public required nint[] FunctionCode { get; init; }

    /// <summary>The engine-wide signature id of each entry of the type section.</summary>
    public required int[] TypeIds { get; init; }

    /// <summary>A diagnostic name for every function of the index space (imports first), or null.</summary>
    public required string?[] FunctionNames { get; init; }

    /// <summary>The signature of every function of the index space (imports first).</summary>
    public required FunctionType[] FunctionTypes { get; init; }

    /// <summary>The engine-wide signature id of every function of the index space.</summary>
    public required int[] FunctionTypeIds { get; init; }

    /// <summary>The module's exports by name, shared by all instances.</summary>
    public required FrozenDictionary<string, Export> ExportsByName { get; init; }

    /// <summary>Imported functions come first in the function index space.</summary>
    public required int ImportedFunctionCount { get; init; }

    /// <summary>A bound on the native frame of the module's largest function (see <see cref="FunctionCompiler.FrameBoundBytes"/>).</summary>
    public required long LargestFrameBytes { get; init; }
}
