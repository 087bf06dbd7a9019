namespace Weir.Wasm.Model;

/// <summary>A data segment: bytes to put in a memory.</summary>
/// <param name="Mode">Active or passive.</param>
/// <param name="MemoryIndex">For active segments: the memory.</param>
/// <param name="MemoryOffset">For active segments: where in the memory.</param>
/// <param name="Data">The bytes.</param>
public sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, ConstantExpression? MemoryOffset, ReadOnlyMemory<byte> Data);
