using System.Runtime.Intrinsics;

namespace Weir.Wasm.Instructions;

/// <summary>
/// One decoded instruction with its immediates. Which fields matter depends on the opcode:
/// <list type="bullet">
/// <item><see cref="Index"/>: label depth, function, local, global, table, type, data, element or memory index.</item>
/// <item><see cref="SecondIndex"/>: the table of <c>call_indirect</c>, the source of <c>table.copy</c>/<c>memory.copy</c>, the table of <c>table.init</c>.</item>
/// <item><see cref="MemoryOffset"/> and <see cref="AlignmentExponent"/>: the memarg of loads and stores.</item>
/// <item><see cref="Constant"/>: the bits of i32/i64/f32/f64 constants (i32 sign-extended), or a lane index.</item>
/// <item><see cref="Vector"/>: v128.const and i8x16.shuffle lanes.</item>
/// <item><see cref="Kind"/>: ref.null's type and typed select's type.</item>
/// <item><see cref="Targets"/>: br_table's label depths, the default last.</item>
/// </list>
/// </summary>
public struct Instruction
{
    /// <summary>The instruction.</summary>
    public Opcode Opcode;

    /// <summary>The byte offset of the opcode in the binary.</summary>
    public int Offset;

    /// <summary>The block type of block, loop and if.</summary>
    public BlockType BlockType;

    /// <summary>The main index immediate.</summary>
    public uint Index;

    /// <summary>The second index immediate.</summary>
    public uint SecondIndex;

    /// <summary>The memarg offset.</summary>
    public ulong MemoryOffset;

    /// <summary>The memarg alignment as a power of two.</summary>
    public uint AlignmentExponent;

    /// <summary>A scalar constant's bits or a lane index.</summary>
    public long Constant;

    /// <summary>A vector constant or shuffle mask.</summary>
    public Vector128<byte> Vector;

    /// <summary>A reference or select type.</summary>
    public ValueKind Kind;

    /// <summary>Number of types given to a typed select (only 1 is valid).</summary>
    public int SelectTypeCount;

    /// <summary>br_table's targets with the default last.</summary>
    public uint[]? Targets;
}
