namespace Weir.Wasm.Model;

/// <summary>A custom section, kept as it was in the binary.</summary>
/// <param name="Name">The section name.</param>
/// <param name="Content">The bytes after the name.</param>
/// <param name="Offset">The byte offset of the section in the binary.</param>
public sealed record CustomSection(string Name, ReadOnlyMemory<byte> Content, long Offset);
