namespace Weir.Oci.Tests.Support;

/// <summary>Finds external programs on PATH.</summary>
internal static class ExternalTools
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Fails with an install hint (used when a gated test runs in CI without its tool).</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new InvalidOperationException($"'{tool}' is not installed (apt-get install -y {PackageOf(tool)}); CI=true makes this a failure instead of a skip.");

    public static string? SkipReason(string[] tools)
    {
        var missing = tools.Where(tool => Find(tool) is null).ToList();
        if (missing.Count == 0 || IsCi)
        {
            return null;
        }

        return $"needs {string.Join(" and ", missing)} (apt-get install -y {string.Join(' ', missing.Select(PackageOf).Distinct())}); skipped because CI is not 'true'";
    }

    private static string PackageOf(string tool) => tool == "docker-registry" ? "docker-registry" : tool;
}
