using System.Text.Json;
using Weir.Fuzz.Differential;
using Weir.Fuzz.Tools;

namespace Weir.Wasm.Tests.Sandbox;

/// <summary>The modules kept from fuzzing (Sandbox/Fixtures, copied next to the tests).</summary>
internal static class SandboxFixtures
{
    public static string Directory(string kind) => Path.Combine(AppContext.BaseDirectory, "Sandbox", "Fixtures", kind);

    /// <summary>The names of the differential regression fixtures (each NAME.wasm has a NAME.json).</summary>
    public static TheoryData<string> DifferentialNames()
    {
        var names = new TheoryData<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory("Differential"), "*.wasm").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
        }

        return names;
    }

    public static (byte[] Binary, FindingRecord Record) ReadDifferential(string name)
    {
        var directory = Directory("Differential");
        var record = JsonSerializer.Deserialize<FindingRecord>(File.ReadAllText(Path.Combine(directory, name + ".json")), FuzzJson.Compact)
            ?? throw new InvalidDataException($"{name}.json is empty");
        return (File.ReadAllBytes(Path.Combine(directory, name + ".wasm")), record);
    }
}
