using System.Collections.Immutable;

namespace Weir.Wasm.Model;

/// <summary>
/// Everything a WebAssembly binary declares, decoded but not compiled. Index spaces put imports
/// first: function index <c>i</c> is an import when <c>i &lt; ImportedFunctionCount</c>.
/// </summary>
public sealed class ModuleDefinition
{
    /// <summary>The binary the definition was decoded from; function bodies point into it.</summary>
    public required ReadOnlyMemory<byte> Binary { get; init; }

    /// <summary>The type section.</summary>
    public required ImmutableArray<FunctionType> Types { get; init; }

    /// <summary>The import section.</summary>
    public required ImmutableArray<Import> Imports { get; init; }

    /// <summary>The type index of each function defined by the module (the function section).</summary>
    public required ImmutableArray<uint> FunctionTypeIndices { get; init; }

    /// <summary>The tables defined by the module (not imported).</summary>
    public required ImmutableArray<TableType> Tables { get; init; }

    /// <summary>The memories defined by the module (not imported).</summary>
    public required ImmutableArray<MemoryType> Memories { get; init; }

    /// <summary>The globals defined by the module, with their initializers.</summary>
    public required ImmutableArray<(GlobalType Type, ConstantExpression Initializer)> Globals { get; init; }

    /// <summary>The export section.</summary>
    public required ImmutableArray<Export> Exports { get; init; }

    /// <summary>The start function's index, or null.</summary>
    public required uint? StartFunction { get; init; }

    /// <summary>The element section.</summary>
    public required ImmutableArray<ElementSegment> Elements { get; init; }

    /// <summary>The data section.</summary>
    public required ImmutableArray<DataSegment> Data { get; init; }

    /// <summary>The data count section's value, or null when absent.</summary>
    public required uint? DataCount { get; init; }

    /// <summary>The code of each defined function, in the order of <see cref="FunctionTypeIndices"/>.</summary>
    public required ImmutableArray<FunctionBody> Bodies { get; init; }

    /// <summary>Every custom section, in binary order (the name section included).</summary>
    public required ImmutableArray<CustomSection> CustomSections { get; init; }

    /// <summary>The decoded name section, or <see cref="NameSection.Empty"/>.</summary>
    public required NameSection Names { get; init; }

    /// <summary>Where the decoder found each item, so validation errors can name a byte offset; null when built by hand.</summary>
    internal Decoding.ItemOffsets? Offsets { get; init; }

    /// <summary>Imported functions, in import order.</summary>
    public int ImportedFunctionCount => Imports.Count(i => i.Kind == ExternalKind.Function);

    /// <summary>Imported tables, in import order.</summary>
    public int ImportedTableCount => Imports.Count(i => i.Kind == ExternalKind.Table);

    /// <summary>Imported memories, in import order.</summary>
    public int ImportedMemoryCount => Imports.Count(i => i.Kind == ExternalKind.Memory);

    /// <summary>Imported globals, in import order.</summary>
    public int ImportedGlobalCount => Imports.Count(i => i.Kind == ExternalKind.Global);

    /// <summary>The signature of any function of the function index space.</summary>
    public FunctionType GetFunctionType(uint functionIndex)
    {
        var imported = 0u;
        foreach (var import in Imports)
        {
            if (import.Kind != ExternalKind.Function)
            {
                continue;
            }

            if (imported == functionIndex)
            {
                return Types[(int)import.FunctionTypeIndex];
            }

            imported++;
        }

        return Types[(int)FunctionTypeIndices[(int)(functionIndex - imported)]];
    }
}
