using System.CommandLine;

namespace Weir.Fuzz.Differential;

/// <summary><c>weir-fuzz differential [--modules N | --minutes M] [--seed S] [--profile P] [--out DIR] [--reduce]</c>.</summary>
internal static class DifferentialCommand
{
    public static Command Create()
    {
        var modules = new Option<int?>("--modules") { Description = "How many modules to generate (default 100 unless --minutes is given)." };
        var minutes = new Option<double?>("--minutes") { Description = "Run for this long instead of a fixed number of modules." };
        var seed = new Option<long>("--seed") { Description = "Seed of the first module; module i uses seed+i.", DefaultValueFactory = _ => 1 };
        var profile = new Option<string?>("--profile") { Description = "Only this feature profile: mvp, sign-ext+sat-conversions, bulk-memory, simd, multivalue, all, reference-types (default: a rotation of all of them)." };
        var output = new Option<string>("--out") { Description = "Directory for generated modules and findings.", DefaultValueFactory = _ => Path.Combine("fuzz", "out", "differential") };
        var reduce = new Option<bool>("--reduce") { Description = "Reduce each finding with wasm-reduce." };
        var command = new Command("differential", "Generate modules with binaryen (-ttf), run them under V8 and Weir, and report differences.")
        {
            modules, minutes, seed, profile, output, reduce,
        };
        command.SetAction(parseResult =>
        {
            var profileName = parseResult.GetValue(profile);
            var chosen = profileName is null ? null : FeatureProfile.Find(profileName);
            if (profileName is not null && chosen is null)
            {
                Console.Error.WriteLine($"differential: unknown profile '{profileName}'");
                return 2;
            }

            var duration = parseResult.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
            var options = new DifferentialOptions
            {
                Modules = parseResult.GetValue(modules) ?? (duration is null ? 100 : null),
                Duration = duration,
                Seed = parseResult.GetValue(seed),
                Profile = chosen,
                OutputDirectory = parseResult.GetValue(output)!,
                Reduce = parseResult.GetValue(reduce),
            };
            DifferentialReport report;
            try
            {
                report = new DifferentialCampaign(options, Console.Out).Run();
            }
            catch (FileNotFoundException missing) when (missing.FileName is "node" or "wasm-opt" or "wasm-reduce")
            {
                Console.Error.WriteLine("differential: " + missing.Message);
                return 2;
            }

            Console.WriteLine(report.Summary());
            return report.Differences.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
