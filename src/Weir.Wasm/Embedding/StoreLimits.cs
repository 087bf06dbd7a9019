namespace Weir.Wasm;

/// <summary>Resource limits of one <see cref="Store"/>. Exceeding one is a clean failure, never a host crash.</summary>
public sealed record StoreLimits
{
    /// <summary>The most bytes any single linear memory of the store may have; <c>memory.grow</c> beyond it returns -1 and instantiating a module that needs more fails.</summary>
    public ulong MaxMemoryBytes { get; init; } = 4UL << 30;

    /// <summary>The most elements any single table of the store may have.</summary>
    public uint MaxTableElements { get; init; } = 10_000_000;

    /// <summary>The most native stack the guest may use for its calls, in bytes.</summary>
    public long MaxStackBytes { get; init; } = 1 << 20;

    /// <summary>No limits beyond the defaults.</summary>
    public static StoreLimits Default { get; } = new();
}
