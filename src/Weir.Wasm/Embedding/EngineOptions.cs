namespace Weir.Wasm;

/// <summary>How an <see cref="Engine"/> compiles modules.</summary>
public sealed record EngineOptions
{
    /// <summary>Compile fuel metering into guest code (checked at function entries and loop headers); stores then need fuel.</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>
    /// Return the same <see cref="Module"/> when bytes this engine compiled before (with the same
    /// name) are compiled again while that module is still referenced, instead of compiling them
    /// again. On by default: reloading an unchanged module then costs a SHA-256 of its bytes.
    /// </summary>
    public bool CacheModules { get; init; } = true;

    /// <summary>Default options.</summary>
    public static EngineOptions Default { get; } = new();
}
