using System.CommandLine;

namespace Weir.Fuzz.Decoder;

/// <summary><c>weir-fuzz decoder [--inputs N | --minutes M] [--seed S] [--seeds DIR] [--out DIR]</c>.</summary>
internal static class DecoderCommand
{
    public static Command Create()
    {
        var inputs = new Option<int?>("--inputs") { Description = "How many mutated inputs to try (default 10000 unless --minutes is given)." };
        var minutes = new Option<double?>("--minutes") { Description = "Run for this long instead of a fixed number of inputs." };
        var seed = new Option<long>("--seed") { Description = "Input i is made from seed+i alone.", DefaultValueFactory = _ => 1 };
        var seeds = new Option<string?>("--seeds") { Description = "Directory of seed .wasm files (default: the spec suite's json directory beside the repository)." };
        var output = new Option<string>("--out") { Description = "Directory for findings.", DefaultValueFactory = _ => Path.Combine("fuzz", "out", "decoder") };
        var command = new Command("decoder", "Mutate valid modules and check that decoding, validation, compilation and execution fail only in documented ways.")
        {
            inputs, minutes, seed, seeds, output,
        };
        command.SetAction(parseResult =>
        {
            var directory = parseResult.GetValue(seeds) ?? SeedCorpus.FindSpecSuite();
            if (directory is null || !Directory.Exists(directory))
            {
                Console.Error.WriteLine("decoder: no seed directory (pass --seeds, or put the spec suite at ../shared/wasm-testsuite/json)");
                return 2;
            }

            var duration = parseResult.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
            var options = new DecoderOptions
            {
                Inputs = parseResult.GetValue(inputs) ?? (duration is null ? 10_000 : null),
                Duration = duration,
                Seed = parseResult.GetValue(seed),
                Corpus = SeedCorpus.Load(directory),
                FindingsDirectory = Path.Combine(parseResult.GetValue(output)!, "findings"),
            };
            var report = new DecoderCampaign(options, Console.Out).Run();
            Console.WriteLine(report.Summary());
            return report.Findings.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
