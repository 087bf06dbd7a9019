namespace Weir.Fuzz.Decoder;

/// <summary>The modules mutations start from: every .wasm under a directory (the spec suite's wast2json output), in a stable order.</summary>
internal static class SeedCorpus
{
    /// <summary>The spec suite's json directory beside the repository (the same place the spec-suite tests look), or null.</summary>
    public static string? FindSpecSuite()
    {
        var configured = Environment.GetEnvironmentVariable("WEIR_WASM_TESTSUITE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Weir.slnx")))
                {
                    var json = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "wasm-testsuite", "json"));
                    return Directory.Exists(json) ? json : null;
                }
            }
        }

        return null;
    }

    /// <summary>The distinct .wasm files under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<byte[]> Load(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.wasm", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"no .wasm seeds under {directory}");
        }

        // Identical seeds (the suite repeats many small modules) would only skew the choice.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. files.Select(File.ReadAllBytes).Where(bytes => seen.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))))];
    }
}
