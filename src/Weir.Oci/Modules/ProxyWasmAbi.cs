namespace Weir.Oci.Modules;

/// <summary>Maps proxy-wasm marker exports to the ABI version strings used in runtime configs.</summary>
internal static class ProxyWasmAbi
{
    private const string MarkerPrefix = "proxy_abi_version_";

    /// <summary>
    /// Returns <c>vMAJOR.MINOR.PATCH</c> for every function export named <c>proxy_abi_version_MAJOR_MINOR_PATCH</c>
    /// (final versions are numeric; the work-in-progress <c>0_x_x</c> marker maps to <c>v0.x.x</c>), in export order.
    /// </summary>
    public static IReadOnlyList<string> DetectVersions(IReadOnlyList<WasmExport> exports)
    {
        var versions = new List<string>();
        foreach (var export in exports)
        {
            if (export.Kind != WasmExternalKind.Function || !export.Name.StartsWith(MarkerPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = export.Name[MarkerPrefix.Length..].Split('_');
            if (parts.Length != 3 || parts.Any(part => part.Length == 0 || !part.All(c => char.IsAsciiDigit(c) || c == 'x')))
            {
                continue;
            }

            var version = "v" + string.Join('.', parts);
            if (!versions.Contains(version))
            {
                versions.Add(version);
            }
        }

        return versions;
    }
}
