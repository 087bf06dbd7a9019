namespace Weir.Cli.Tests.SpecTests;

/// <summary>A temporary directory of scripts and module files, deleted afterwards.</summary>
internal sealed class SpecTestDirectory : IDisposable
{
    public SpecTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "weir-spectest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a script as wast2json would: <c>NAME/NAME.json</c> with its module files beside it.</summary>
    public string AddScript(string name, string commandsJson, params (string FileName, byte[] Bytes)[] modules)
    {
        var directory = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(directory);
        foreach (var (fileName, bytes) in modules)
        {
            File.WriteAllBytes(System.IO.Path.Combine(directory, fileName), bytes);
        }

        var scriptPath = System.IO.Path.Combine(directory, name + ".json");
        File.WriteAllText(scriptPath, $$"""{"source_filename": "{{name}}.wast", "commands": [{{commandsJson}}]}""");
        return scriptPath;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it is not.
        }
    }
}
