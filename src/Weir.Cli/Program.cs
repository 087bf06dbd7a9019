using System.CommandLine;

namespace Weir.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("weir: run, test, package and serve WebAssembly modules.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args).Invoke();
    }
}
