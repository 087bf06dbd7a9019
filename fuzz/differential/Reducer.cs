using System.Globalization;
using Weir.Fuzz.Tools;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Shrinks a module that shows a difference with binaryen's wasm-reduce, which keeps a reduction
/// only while <c>weir-fuzz check</c> prints the same verdict line as for the original, so the
/// reduced module shows the same kind of difference.
/// </summary>
internal static class Reducer
{
    /// <summary>Writes NAME.reduced.wasm beside <paramref name="modulePath"/> and returns its path, or null when wasm-reduce failed.</summary>
    public static string? Reduce(string modulePath, long seed, FeatureProfile profile, TextWriter progress)
    {
        var wasmReduce = ExternalTool.Require("wasm-reduce", "binaryen");
        var directory = Path.GetDirectoryName(Path.GetFullPath(modulePath))!;
        var name = Path.GetFileNameWithoutExtension(modulePath);
        var test = Path.Combine(directory, name + ".test.wasm");
        var working = Path.Combine(directory, name + ".reduced.wasm");
        var fuzzer = typeof(Reducer).Assembly.Location;
        var dotnet = Environment.ProcessPath ?? "dotnet";
        var command = string.Create(CultureInfo.InvariantCulture, $"{Quote(dotnet)} {Quote(fuzzer)} check {Quote(test)} --seed {seed}");
        var features = string.Join(' ', profile.Flags);
        progress.WriteLine($"  reducing {modulePath} ({command})");
        var result = ExternalTool.Run(
            wasmReduce,
            [modulePath, "--command=" + command, "-t", test, "-w", working, "--timeout", "60", "--extra-flags=" + features, .. profile.Flags],
            TimeSpan.FromHours(1));
        File.Delete(test);
        return result.Succeeded && File.Exists(working) ? working : null;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
