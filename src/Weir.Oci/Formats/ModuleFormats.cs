namespace Weir.Oci.Formats;

/// <summary>Names of <see cref="ModuleFormat"/> values as the <c>--format</c> option spells them.</summary>
public static class ModuleFormats
{
    /// <summary>The formats Weir can write, by option name.</summary>
    public static IReadOnlyList<string> WritableNames { get; } = ["solo", "compat", "compat-docker", "cncf"];

    /// <summary>The option spelling of <paramref name="format"/>.</summary>
    public static string ToName(ModuleFormat format) => format switch
    {
        ModuleFormat.Solo => "solo",
        ModuleFormat.Compat => "compat",
        ModuleFormat.CompatDocker => "compat-docker",
        ModuleFormat.Cncf => "cncf",
        ModuleFormat.WasmToOci => "wasm-to-oci",
        ModuleFormat.RawComponentLayer => "raw-component-layer",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Parses a writable format name.</summary>
    /// <exception cref="FormatException">The name is not one of <see cref="WritableNames"/>.</exception>
    public static ModuleFormat ParseWritable(string name) => name.Trim().ToLowerInvariant() switch
    {
        "solo" or "solo-oci" or "oci" => ModuleFormat.Solo,
        "compat" or "compat-oci" => ModuleFormat.Compat,
        "compat-docker" or "docker" => ModuleFormat.CompatDocker,
        "cncf" => ModuleFormat.Cncf,
        _ => throw new FormatException($"Unknown format '{name}'; choose one of {string.Join(", ", WritableNames)}."),
    };
}
