namespace Weir.Fuzz.Differential;

/// <summary>A module binaryen generated: where it is, and how to generate it again.</summary>
internal sealed record GeneratedModule(string Path, long Seed, int InputBytes, FeatureProfile Profile)
{
    /// <summary>The module's bytes.</summary>
    public byte[] ReadBytes() => File.ReadAllBytes(Path);
}
