namespace Weir.Wasm.Decoding;

/// <summary>
/// Implementation limits of the decoder, those of the WebAssembly JS API that browsers enforce
/// (real modules stay far below them). The model expands some encodings (locals, element items,
/// constant expressions), so without them a small hostile binary could demand gigabytes.
/// </summary>
internal static class DecodingLimits
{
    public const int Types = 1_000_000;

    public const int Imports = 100_000;

    public const int Functions = 1_000_000;

    public const int Tables = 100_000;

    public const int Memories = 100_000;

    public const int Globals = 1_000_000;

    public const int Exports = 100_000;

    public const int DataSegments = 100_000;

    /// <summary>Entries of one element segment.</summary>
    public const int ElementSegmentEntries = 10_000_000;

    /// <summary>Bytes of one function body, local declarations included.</summary>
    public const int FunctionBodySize = 7_654_321;

    /// <summary>Parameters of one function type.</summary>
    public const int FunctionParameters = 1_000;

    /// <summary>Results of one function type.</summary>
    public const int FunctionResults = 1_000;

    /// <summary>Locals of one function, parameters included.</summary>
    public const int LocalsPerFunction = 50_000;

    /// <summary>Expanded locals the whole module may need (identical declarations are shared).</summary>
    public const int LocalsPerModule = 16_777_216;

    /// <summary>Instructions stored for all constant expressions (initializers, offsets, element items).</summary>
    public const int ConstantInstructionsPerModule = 16_777_216;

    /// <summary>Throws when a count read from the binary exceeds its limit.</summary>
    public static void Check(int count, int limit, string what, int offset)
    {
        if (count > limit)
        {
            throw new WasmMalformedException($"too many {what}: {count} exceeds the limit of {limit}", offset);
        }
    }
}
