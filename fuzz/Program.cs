using System.CommandLine;
using Weir.Fuzz.Decoder;
using Weir.Fuzz.Differential;

namespace Weir.Fuzz;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("weir-fuzz: differential fuzzing of Weir.Wasm against V8, and decoder fuzzing.");
        root.Subcommands.Add(DifferentialCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ReduceCommand.Create());
        root.Subcommands.Add(DecoderCommand.Create());
        return root.Parse(args).Invoke();
    }
}
