namespace Weir.Wasm.Decoding;

/// <summary>
/// The byte offsets at which the decoder found the items of each section, in section order, so
/// module-level validation errors can say where the offending item is.
/// </summary>
internal sealed class ItemOffsets
{
    public int[] Imports { get; set; } = [];

    public int[] Functions { get; set; } = [];

    public int[] Tables { get; set; } = [];

    public int[] Memories { get; set; } = [];

    public int[] Globals { get; set; } = [];

    public int[] Exports { get; set; } = [];

    public int Start { get; set; }

    public int[] Elements { get; set; } = [];

    public int[] Data { get; set; } = [];

    /// <summary>The offset of item <paramref name="index"/>, or 0 when it is unknown.</summary>
    public static int Of(int[]? offsets, int index) =>
        offsets is not null && (uint)index < (uint)offsets.Length ? offsets[index] : 0;
}
