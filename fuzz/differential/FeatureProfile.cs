namespace Weir.Fuzz.Differential;

/// <summary>
/// A set of WebAssembly features binaryen may use when it generates a module. Reference types are
/// absent on purpose: binaryen 108 (Debian's) treats them as the pre-GC proposal, with anyref
/// and typed function references, and its output is not a valid WebAssembly 2.0 module.
/// </summary>
internal sealed record FeatureProfile(string Name, IReadOnlyList<string> Flags)
{
    public static FeatureProfile Mvp { get; } = new("mvp", ["--mvp-features"]);

    public static FeatureProfile Integer { get; } = new("sign-ext+sat-conversions", ["--mvp-features", "--enable-sign-ext", "--enable-nontrapping-float-to-int"]);

    public static FeatureProfile BulkMemory { get; } = new("bulk-memory", ["--mvp-features", "--enable-bulk-memory"]);

    public static FeatureProfile Simd { get; } = new("simd", ["--mvp-features", "--enable-simd"]);

    public static FeatureProfile MultiValue { get; } = new("multivalue", ["--mvp-features", "--enable-multivalue"]);

    public static FeatureProfile All { get; } = new("all", [
        "--mvp-features", "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-bulk-memory",
        "--enable-simd", "--enable-multivalue", "--enable-mutable-globals",
    ]);

    /// <summary>The rotation a campaign cycles through, the broadest profile most often.</summary>
    public static IReadOnlyList<FeatureProfile> Rotation { get; } = [All, Mvp, Simd, All, Integer, BulkMemory, All, MultiValue];

    /// <summary>A profile by name, or null.</summary>
    public static FeatureProfile? Find(string name) =>
        new[] { Mvp, Integer, BulkMemory, Simd, MultiValue, All }.FirstOrDefault(profile => profile.Name == name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
