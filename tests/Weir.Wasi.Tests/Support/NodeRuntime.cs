namespace Weir.Wasi.Tests.Support;

/// <summary>Node.js, whose node:wasi is the reference the test programs are compared against.</summary>
internal static class NodeRuntime
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Node's path; a failure (not a skip) when it is missing, which only happens on CI (see <see cref="NodeTheoryAttribute"/>).</summary>
    public static string Require() =>
        Find() ?? throw new InvalidOperationException("node is not installed (apt-get install -y nodejs, v20 or later); CI=true makes this a failure instead of a skip");

    public static string? SkipReason() =>
        Find() is null && !IsCi ? "needs node (v20+) for node:wasi; skipped because CI is not 'true'" : null;
}
