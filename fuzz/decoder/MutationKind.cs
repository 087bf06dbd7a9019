namespace Weir.Fuzz.Decoder;

/// <summary>The ways the decoder fuzzer damages a valid module.</summary>
internal enum MutationKind
{
    /// <summary>Flips a few random bits.</summary>
    FlipBits,

    /// <summary>Overwrites bytes with values decoders special-case (0x00, 0x7F, 0x80, 0xFF, 0x40, …).</summary>
    InterestingBytes,

    /// <summary>Cuts the binary short.</summary>
    Truncate,

    /// <summary>Swaps, moves, duplicates or drops whole sections.</summary>
    ReorderSections,

    /// <summary>Re-encodes section sizes or counts as overlong LEB128s (legal up to 5 bytes, malformed beyond).</summary>
    OverlongLeb,

    /// <summary>Replaces a section's leading count by a huge one (the section keeps its size).</summary>
    HugeCount,

    /// <summary>Makes a section's declared size larger or smaller than its content.</summary>
    WrongSectionSize,

    /// <summary>Inserts, deletes or duplicates a range of bytes.</summary>
    Splice,

    /// <summary>Inserts a section taken from another seed.</summary>
    Crossover,

    /// <summary>Writes a random (often prefixed) opcode into the code section.</summary>
    Opcode,
}
