namespace Weir.Fuzz.Differential;

/// <summary>
/// A set of WebAssembly features binaryen may use when it generates a module. Debian's binaryen
/// (108) generates every profile but reference types: it treats them as the pre-GC proposal (anyref,
/// typed function references) and its output is not valid WebAssembly 2.0. The reference-types
/// profile therefore needs a newer binaryen, npm's (<see cref="NeedsNewerBinaryen"/>, installed by
/// <c>npm ci --prefix fuzz/differential</c>), whose generator also uses the newer fuzzing-support
/// imports (calls from the host into exports and function references, table access from the host).
/// </summary>
internal sealed record FeatureProfile(string Name, IReadOnlyList<string> Flags, bool NeedsNewerBinaryen = false)
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

    public static FeatureProfile ReferenceTypes { get; } = new("reference-types", [
        "--mvp-features", "--enable-reference-types", "--enable-bulk-memory", "--enable-sign-ext",
        "--enable-nontrapping-float-to-int", "--enable-simd", "--enable-multivalue", "--enable-mutable-globals",
    ], NeedsNewerBinaryen: true);

    /// <summary>
    /// The rotation a campaign cycles through: the broadest profiles most often (three in ten "all",
    /// two in ten reference-types, which is the only one with the newer generator's imports).
    /// </summary>
    public static IReadOnlyList<FeatureProfile> Rotation { get; } = [All, Mvp, ReferenceTypes, Simd, All, Integer, ReferenceTypes, BulkMemory, All, MultiValue];

    /// <summary>
    /// Whether Debian's module must also go through npm binaryen's DeNaN pass. binaryen 108's
    /// <c>--denan</c> leaves v128 values alone, so a SIMD min or max with a NaN lane can store a
    /// canonical NaN whose sign the spec leaves to each engine (V8 writes -NaN, Weir +NaN:
    /// differential seed 2,001,274). binaryen 132's pass also zeroes SIMD float results with a NaN lane.
    /// </summary>
    public bool NeedsSimdDeNaN => !NeedsNewerBinaryen && Flags.Contains("--enable-simd");

    /// <summary>A profile by name, or null.</summary>
    public static FeatureProfile? Find(string name) =>
        new[] { Mvp, Integer, BulkMemory, Simd, MultiValue, All, ReferenceTypes }.FirstOrDefault(profile => profile.Name == name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
