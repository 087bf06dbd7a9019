namespace Weir.Gateway.Configuration;

/// <summary>A filter's limits; null keeps the proxy-wasm host's default.</summary>
/// <param name="MemoryBytes">The most linear memory one VM may have.</param>
/// <param name="CallbackTimeout">The longest one callback may run.</param>
/// <param name="MaxVms">The most VMs running the filter at once.</param>
/// <param name="MaxBufferedBodyBytes">The most body bytes the filter may hold while it buffers.</param>
/// <param name="RecycleMemoryFraction">The share of <paramref name="MemoryBytes"/> past which a VM that grew while serving is recycled (0: never).</param>
internal sealed record FilterLimitsDefinition(ulong? MemoryBytes, TimeSpan? CallbackTimeout, int? MaxVms, int? MaxBufferedBodyBytes, double? RecycleMemoryFraction = null)
{
    /// <summary>No limits set.</summary>
    public static FilterLimitsDefinition Defaults { get; } = new(null, null, null, null);
}
