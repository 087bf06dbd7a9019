namespace Weir.Wasm;

/// <summary>How an <see cref="Engine"/> compiles modules.</summary>
public sealed record EngineOptions
{
    /// <summary>Compile fuel metering into guest code (checked at function entries and loop headers); stores then need fuel.</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>Default options.</summary>
    public static EngineOptions Default { get; } = new();
}
