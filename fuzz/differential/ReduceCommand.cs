using System.CommandLine;

namespace Weir.Fuzz.Differential;

/// <summary><c>weir-fuzz reduce FILE --seed S [--profile P]</c>: shrinks a finding with wasm-reduce, keeping its verdict.</summary>
internal static class ReduceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The module that shows a difference." };
        var seed = new Option<long>("--seed") { Description = "Seed of the call plan (the finding's seed).", DefaultValueFactory = _ => 1 };
        var profile = new Option<string>("--profile") { Description = "The feature profile the module was generated with.", DefaultValueFactory = _ => FeatureProfile.All.Name };
        var command = new Command("reduce", "Reduce a module with wasm-reduce while it keeps showing the same difference.") { file, seed, profile };
        command.SetAction(parseResult =>
        {
            var chosen = FeatureProfile.Find(parseResult.GetValue(profile)!);
            if (chosen is null)
            {
                Console.Error.WriteLine($"reduce: unknown profile '{parseResult.GetValue(profile)}'");
                return 2;
            }

            var reduced = Reducer.Reduce(parseResult.GetValue(file)!, parseResult.GetValue(seed), chosen, Console.Out);
            Console.WriteLine(reduced is null ? "reduction failed" : $"reduced: {reduced}");
            return reduced is null ? 1 : 0;
        });
        return command;
    }
}
