using System.CommandLine;
using System.Text.Json;
using Weir.Fuzz.Tools;

namespace Weir.Fuzz.Differential;

/// <summary>
/// <c>weir-fuzz check FILE [--seed S] [--verbose] [--record NAME.json]</c>: runs one module under
/// V8 and Weir and prints the verdict's kind and signature only, a line that stays stable while
/// wasm-reduce shrinks the module. <c>--record</c> writes the plan and V8's observation for a regression test.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The module." };
        var seed = new Option<long>("--seed") { Description = "Seed of the call plan's arguments (a campaign uses the module's seed).", DefaultValueFactory = _ => 1 };
        var verbose = new Option<bool>("--verbose") { Description = "Also print the details and both observations." };
        var record = new Option<string?>("--record") { Description = "Write the plan and V8's observation to this file, for a regression test." };
        var command = new Command("check", "Run one module under V8 and Weir and print the verdict.") { file, seed, verbose, record };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"check: {path} does not exist");
                return 2;
            }

            var binary = File.ReadAllBytes(path);
            var weir = new WeirExecutor();
            using var v8 = new V8Executor(ExecutionBudget.Default.V8Watchdog);
            var (verdict, finding) = DifferentialCampaign.Check(binary, path, parseResult.GetValue(seed), weir, v8);
            Console.WriteLine($"{verdict.Kind.ToString().ToLowerInvariant()}: {verdict.Signature}");
            if (parseResult.GetValue(verbose))
            {
                Console.WriteLine(verdict.Detail);
                Console.WriteLine(JsonSerializer.Serialize(finding, FuzzJson.Indented));
            }

            if (parseResult.GetValue(record) is { } recordPath)
            {
                finding.Weir = null;
                File.WriteAllText(recordPath, JsonSerializer.Serialize(finding, FuzzJson.Indented));
            }

            return 0;
        });
        return command;
    }
}
