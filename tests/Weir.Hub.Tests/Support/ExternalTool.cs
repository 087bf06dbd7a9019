namespace Weir.Hub.Tests.Support;

/// <summary>
/// Finds command-line tools (skopeo, docker-registry) on PATH and decides what a missing one means:
/// on CI (<c>CI=true</c>) the test must fail; elsewhere it is skipped with the reason.
/// </summary>
internal static class ExternalTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The skip reason for a test needing <paramref name="name"/>, or null when it must run (present, or on CI).</summary>
    public static string? SkipReasonIfMissing(string name, string installHint) =>
        Find(name) is null && !IsCi ? $"{name} is not installed ({installHint}); CI=true makes this test fail instead of skipping." : null;

    /// <summary>The tool's path; throws (failing the test) when it is missing, which only happens on CI.</summary>
    public static string Require(string name, string installHint) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is required on CI but not installed ({installHint}).");
}
