namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>The build tools the workflow tests need, found on PATH; CI=true turns a missing tool from a skip into a failure.</summary>
internal static class Toolchain
{
    public static readonly string[] AssemblyScript = ["node", "npm"];
    public static readonly string[] C = ["clang", "wasm-ld"];

    public static bool IsContinuousIntegration => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    public static bool HasWasiLibc => Directory.Exists(Path.Combine(Environment.GetEnvironmentVariable("WASI_SYSROOT") ?? "/usr", "include", "wasm32-wasi"));

    /// <summary>Why a test needing <paramref name="tools"/> is skipped here, or null when it runs (tools present, or CI).</summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        var missing = tools.Where(tool => tool == "wasi-libc" ? !HasWasiLibc : Find(tool) is null).ToList();
        if (missing.Count == 0 || IsContinuousIntegration)
        {
            return null;
        }

        return $"needs {string.Join(", ", missing)} (apt-get install -y {string.Join(' ', missing.Select(PackageOf).Distinct())}); skipped because CI is not 'true'";
    }

    private static string PackageOf(string tool) => tool switch
    {
        "wasm-ld" => "lld",
        "node" => "nodejs",
        _ => tool,
    };
}
