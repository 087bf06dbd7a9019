namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>Finds the wast2json output of the official spec test suite.</summary>
internal static class TestSuiteDirectory
{
    private const string EnvironmentVariable = "WEIR_WASM_TESTSUITE";

    /// <summary>The <c>json</c> directory, holding one folder per script.</summary>
    public static string Json { get; } = Locate();

    public static string ScriptPath(string name) => Path.Combine(Json, name, name + ".json");

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.Combine(configured, "json");
        }

        // The suite lives in shared/wasm-testsuite next to the repository checkout.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "wasm-testsuite", "json");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"The Wasm spec test suite was not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} to its directory.");
    }
}
