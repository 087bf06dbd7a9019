using System.CommandLine;

namespace Weir.Cli.SpecTests;

internal static class SpecTestCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A directory of wast2json output, or one .json script." };
        var command = new Command("spectest", "Run WebAssembly spec test scripts (wast2json format) and print a summary.") { path };
        command.SetAction(parseResult =>
        {
            Console.Error.WriteLine("spectest: not implemented yet");
            return 2;
        });
        return command;
    }
}
