namespace Weir.Wasm.Instructions;

/// <summary>The type of a block, loop or if: empty, one result type, or an index into the type section.</summary>
public readonly record struct BlockType
{
    private BlockType(ValueKind? result, int typeIndex)
    {
        Result = result;
        TypeIndex = typeIndex;
    }

    /// <summary>No parameters and no results.</summary>
    public static BlockType Empty { get; } = new(null, -1);

    /// <summary>The single result type when the block has one, else null.</summary>
    public ValueKind? Result { get; }

    /// <summary>The type index for multi-value blocks, else -1.</summary>
    public int TypeIndex { get; }

    /// <summary>A block with one result.</summary>
    public static BlockType Of(ValueKind result) => new(result, -1);

    /// <summary>A block typed by a function type.</summary>
    public static BlockType OfType(int typeIndex) => new(null, typeIndex);
}
