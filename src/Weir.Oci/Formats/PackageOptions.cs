namespace Weir.Oci.Formats;

/// <summary>How <see cref="ModulePackager"/> packages a module.</summary>
public sealed class PackageOptions
{
    /// <summary>The format to write; <see cref="ModuleFormat.Solo"/> (what Istio and wasme pull) by default.</summary>
    public ModuleFormat Format { get; init; } = ModuleFormat.Solo;

    /// <summary>
    /// A complete runtime config to use as is. When <see langword="null"/>, one is built from
    /// <see cref="RuntimeType"/>, the ABI versions detected from the module's marker exports and <see cref="RootIds"/>.
    /// </summary>
    public RuntimeConfig? RuntimeConfig { get; init; }

    /// <summary>The runtime type for a generated runtime config.</summary>
    public string RuntimeType { get; init; } = RuntimeConfig.EnvoyProxyType;

    /// <summary>Root ids for a generated runtime config (a module's root ids are strings in its data, not exports, so they are given here).</summary>
    public IReadOnlyList<string> RootIds { get; init; } = [];

    /// <summary>The creation time written into configs that carry one (compat and cncf).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Extra manifest annotations (ignored by the Docker flavour, which has none).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
