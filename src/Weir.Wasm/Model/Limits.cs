namespace Weir.Wasm.Model;

/// <summary>The size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
/// <param name="Minimum">The initial size.</param>
/// <param name="Maximum">The largest size it may grow to, or null when unbounded.</param>
public readonly record struct Limits(ulong Minimum, ulong? Maximum);
