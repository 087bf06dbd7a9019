using System.CommandLine;

namespace Weir.Cli.Run;

/// <summary><c>weir run</c>: runs a WASI command module (or one export of any module) in the sandbox.</summary>
internal static class RunCommand
{
    private const string Description = """
        Run a WebAssembly module with WASI (wasi_snapshot_preview1 and wasi_unstable).
        The program sees only the directories given with --dir, the variables given with --env and
        the arguments after the module (use -- before arguments that start with a dash).

        Exit codes: the program's own exit code (0 when _start returns; on Unix the low 8 bits);
          134  the program trapped, ran out of fuel (--fuel) or time (--timeout);
               the trap and its WebAssembly stack trace are printed to standard error;
          125  weir could not run it: unreadable or invalid module, unknown import,
               no _start (not a WASI command), missing --dir directory, bad --invoke arguments;
            1  invalid command line.
        """;

    public static Command Create() => Create(RunConsole.Process);

    /// <summary>The command with its streams supplied by <paramref name="console"/> (tests pass captured streams).</summary>
    public static Command Create(Func<RunConsole> console)
    {
        var module = new Argument<string>("module") { Description = "The .wasm file to run." };
        var arguments = new Argument<string[]>("args")
        {
            Description = "Arguments for the program (argv[1]…), or for the export with --invoke.",
            Arity = ArgumentArity.ZeroOrMore,
            CaptureRemainingTokens = true,
        };
        var directories = new Option<string[]>("--dir")
        {
            Description = "Preopen a host directory: HOST[::GUEST][:ro] (GUEST defaults to HOST; :ro makes it read-only). Repeatable.",
            HelpName = "HOST[::GUEST][:ro]",
        };
        var environment = new Option<string[]>("--env")
        {
            Description = "Set an environment variable for the program: NAME=VALUE. Repeatable; nothing is inherited from the host.",
            HelpName = "NAME=VALUE",
        };
        var fuel = new Option<long?>("--fuel") { Description = "Stop the program (trap) after this many units of fuel (about one per instruction).", HelpName = "N" };
        var timeout = new Option<string?>("--timeout") { Description = "Stop the program (trap) after this wall-clock time, for example 500ms, 5s, 2m.", HelpName = "DURATION" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Limit each linear memory, for example 65536, 64MiB, 1GiB; memory.grow beyond it fails.", HelpName = "SIZE" };
        var invoke = new Option<string?>("--invoke")
        {
            Description = "Call this export instead of _start, with the arguments parsed by its parameter types; print each result on its own line.",
            HelpName = "NAME",
        };

        var command = new Command("run", Description) { module, arguments, directories, environment, fuel, timeout, maxMemory, invoke };
        command.SetAction(parseResult =>
        {
            var streams = console();
            RunSettings settings;
            try
            {
                settings = new RunSettings(
                    parseResult.GetValue(module)!,
                    parseResult.GetValue(arguments) ?? [],
                    [.. (parseResult.GetValue(directories) ?? []).Select(DirectoryMapping.Parse)],
                    [.. (parseResult.GetValue(environment) ?? []).Select(ParseVariable)],
                    parseResult.GetValue(fuel) is { } units ? RequireNonNegative(units) : null,
                    parseResult.GetValue(timeout) is { } duration ? QuantityParser.ParseDuration(duration) : null,
                    parseResult.GetValue(maxMemory) is { } size ? QuantityParser.ParseSize(size) : null,
                    parseResult.GetValue(invoke));
            }
            catch (FormatException exception)
            {
                using var error = new StreamWriter(streams.Error, leaveOpen: true);
                error.WriteLine($"error: {exception.Message}");
                return RunExitCodes.CouldNotRun;
            }

            return new RunExecutor(streams).Execute(settings);
        });
        return command;
    }

    private static KeyValuePair<string, string> ParseVariable(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new FormatException($"--env '{text}': expected NAME=VALUE");
        }

        return new KeyValuePair<string, string>(text[..separator], text[(separator + 1)..]);
    }

    private static long RequireNonNegative(long fuel) =>
        fuel >= 0 ? fuel : throw new FormatException($"--fuel {fuel}: fuel cannot be negative");
}
