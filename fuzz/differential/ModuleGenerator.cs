using System.Globalization;
using Weir.Fuzz.Tools;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Turns seeded random bytes into valid modules with binaryen's translate-to-fuzz mode
/// (<c>wasm-opt -ttf</c>), which guards every loop and call with a hang limit. <c>--denan</c>
/// replaces NaNs by zero at run time, because NaN bit patterns legitimately differ between
/// engines (see <see cref="FeatureProfile.NeedsSimdDeNaN"/> for SIMD). Some modules are then
/// optimized by binaryen, for code shapes -ttf alone rarely makes, and most get a higher hang
/// limit (<see cref="HangLimitPatch"/>), so their loops run longer.
/// </summary>
internal sealed class ModuleGenerator
{
    private readonly string _wasmOpt;
    private readonly string _directory;
    private (string Program, string[] LeadingArguments)? _newerWasmOpt;

    public ModuleGenerator(string directory, string? wasmOpt = null)
    {
        _wasmOpt = wasmOpt ?? ExternalTool.Require("wasm-opt", "binaryen");
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The program (and its leading arguments) that generates <paramref name="profile"/>.</summary>
    private (string Program, string[] LeadingArguments) WasmOptFor(FeatureProfile profile) =>
        profile.NeedsNewerBinaryen ? NewerWasmOpt(profile) : (_wasmOpt, []);

    /// <summary>
    /// npm's wasm-opt: a script around 10 MB of Emscripten-compiled WebAssembly, run once per module.
    /// V8's optimizing tier costs more than it saves in so short a process, so it runs on Liftoff
    /// alone (about 0.3 s a module instead of 0.9 s; the output is the same).
    /// </summary>
    private (string Program, string[] LeadingArguments) NewerWasmOpt(FeatureProfile profile) =>
        _newerWasmOpt ??= (
            ExternalTool.Require("node", "nodejs"),
            ["--liftoff-only", ExternalTool.FindNewerBinaryen() ?? throw new FileNotFoundException($"the {profile.Name} profile needs npm's binaryen: npm ci --prefix fuzz/differential", "wasm-opt")]);

    /// <summary>Fails now, naming what to install, when a program one of <paramref name="profiles"/> needs is missing.</summary>
    public void RequireTools(IEnumerable<FeatureProfile> profiles)
    {
        foreach (var profile in profiles)
        {
            _ = WasmOptFor(profile);
            if (profile.NeedsSimdDeNaN)
            {
                _ = NewerWasmOpt(profile);
            }
        }
    }

    /// <summary>The smallest and largest number of random bytes fed to binaryen; module size grows with it.</summary>
    public (int Minimum, int Maximum) InputBytes { get; init; } = (128, 6144);

    private static readonly string[][] Optimizations = [[], [], ["-O1"], ["-O3"], ["-Oz"]];

    private static readonly int[] HangLimits = [10, 100, 1000];

    /// <summary>Generates the module for <paramref name="seed"/>, or returns null when binaryen failed.</summary>
    public GeneratedModule? Generate(long seed, FeatureProfile profile)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var size = random.Next(InputBytes.Minimum, InputBytes.Maximum + 1);
        var input = new byte[size];
        random.NextBytes(input);
        var optimization = Optimizations[random.Next(Optimizations.Length)];
        var hangLimit = HangLimits[random.Next(HangLimits.Length)];

        // Half the modules avoid out-of-bounds accesses, so their calls run further before trapping.
        string[] bounds = random.Next(2) == 0 ? ["--no-fuzz-oob"] : [];
        var name = seed.ToString(CultureInfo.InvariantCulture);
        var inputPath = Path.Combine(_directory, name + ".bin");
        var outputPath = Path.Combine(_directory, name + ".wasm");
        File.WriteAllBytes(inputPath, input);
        try
        {
            var (program, leadingArguments) = WasmOptFor(profile);
            var result = ExternalTool.Run(program, [.. leadingArguments, inputPath, "-ttf", "--denan", .. profile.Flags, .. optimization, .. bounds, "-o", outputPath], TimeSpan.FromSeconds(60));
            if (!result.Succeeded || !File.Exists(outputPath))
            {
                return null;
            }

            if (profile.NeedsSimdDeNaN)
            {
                var (newer, newerArguments) = NewerWasmOpt(profile);
                var deNaN = ExternalTool.Run(newer, [.. newerArguments, outputPath, .. profile.Flags, "--denan", "-o", outputPath], TimeSpan.FromSeconds(60));
                if (!deNaN.Succeeded)
                {
                    return null;
                }
            }

            File.WriteAllBytes(outputPath, HangLimitPatch.Apply(File.ReadAllBytes(outputPath), hangLimit));
            return new GeneratedModule(outputPath, seed, size, profile);
        }
        finally
        {
            File.Delete(inputPath);
        }
    }
}
