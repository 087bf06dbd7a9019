namespace Weir.Wasm.Tests.SpecTests;

/// <summary>
/// Where the official suite's wast2json output is: <c>WEIR_WASM_TESTSUITE</c> when set, otherwise
/// <c>../shared/wasm-testsuite/json</c> next to the repository root (the directory holding Weir.slnx).
/// </summary>
internal static class SpecSuiteLocation
{
    public const string EnvironmentVariable = "WEIR_WASM_TESTSUITE";

    /// <summary>The suite's json directory, or null when it is not there.</summary>
    public static string? Find()
    {
        var candidate = Candidate();
        if (candidate is null)
        {
            return null;
        }

        // Accept the suite's root as well as its json directory.
        var json = Path.Combine(candidate, "json");
        if (Directory.Exists(json))
        {
            return json;
        }

        return Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>Why <see cref="Find"/> found nothing, for skip and failure messages.</summary>
    public static string MissingReason => Candidate() is { } candidate
        ? $"the WebAssembly spec test suite is not at {candidate} (set {EnvironmentVariable} to its json directory)"
        : $"the WebAssembly spec test suite was not found: no Weir.slnx above {AppContext.BaseDirectory} and {EnvironmentVariable} is not set";

    /// <summary>Whether this is a CI run, where a missing suite is a failure rather than a skip.</summary>
    public static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Candidate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Weir.slnx")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "wasm-testsuite", "json"));
            }
        }

        return null;
    }
}
