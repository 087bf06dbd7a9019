using System.CommandLine;

namespace Weir.Cli.SpecTests;

/// <summary><c>weir spectest PATH [--verbose] [--filter NAME]</c>: runs wast2json scripts of the WebAssembly spec test suite.</summary>
internal static class SpecTestCommand
{
    /// <summary>Exit code when a command failed.</summary>
    public const int FailuresExitCode = 1;

    /// <summary>Exit code when there was nothing to run.</summary>
    public const int UsageExitCode = 2;

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A directory of wast2json output (NAME/NAME.json or NAME.json), or one .json script." };
        var verbose = new Option<bool>("--verbose") { Description = "Show every failure (line, command, expected, got) and differences in error wording." };
        var filter = new Option<string?>("--filter") { Description = "Run only the scripts with these names (comma-separated; * matches any text), e.g. i32,simd_*." };
        var command = new Command("spectest", "Run WebAssembly spec test scripts (wast2json format) and print a summary.") { path, verbose, filter };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(path)!,
            parseResult.GetValue(verbose),
            parseResult.GetValue(filter),
            SpecRunOptions.Default,
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>Runs the scripts, writing one line per script and a closing summary line.</summary>
    /// <returns>0 when every command passed, <see cref="FailuresExitCode"/> on failures, <see cref="UsageExitCode"/> when there is nothing to run.</returns>
    public static int Run(string path, bool verbose, string? filter, SpecRunOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!SpecScriptDiscovery.TryFind(path, filter, out var scripts, out var problem))
        {
            error.WriteLine("spectest: " + problem);
            return UsageExitCode;
        }

        var result = SpecSuiteRunner.Run(scripts, options, script => Report(script, verbose, output));
        output.WriteLine(result.Summary);
        return result.Failed > 0 ? FailuresExitCode : 0;
    }

    private static void Report(ScriptResult script, bool verbose, TextWriter output)
    {
        output.WriteLine(script.Summary);
        if (verbose)
        {
            foreach (var failure in script.Failures)
            {
                output.WriteLine("  " + failure);
            }

            foreach (var note in script.Notes)
            {
                output.WriteLine("  " + note);
            }
        }

        output.Flush();
    }
}
