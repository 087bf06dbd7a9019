namespace Weir.Wasm.Model;

/// <summary>The type of a linear memory: its limits in 64 KiB pages.</summary>
public sealed record MemoryType(Limits Limits)
{
    /// <summary>Bytes in one WebAssembly page.</summary>
    public const int PageSize = 65536;

    /// <summary>The most pages a 32-bit memory can have (4 GiB).</summary>
    public const uint MaximumPages = 65536;
}
