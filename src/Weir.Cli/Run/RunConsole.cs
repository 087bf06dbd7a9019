namespace Weir.Cli.Run;

/// <summary>The streams <c>weir run</c> connects a program to; the process's own, or captured ones in tests.</summary>
/// <param name="Input">What the program reads as standard input.</param>
/// <param name="Output">Where the program's standard output (and --invoke results) go.</param>
/// <param name="Error">Where the program's standard error and weir's own diagnostics go.</param>
/// <param name="IsProcessConsole">Whether these are the process's own streams (then the program inherits them directly).</param>
internal sealed record RunConsole(Stream Input, Stream Output, Stream Error, bool IsProcessConsole)
{
    public static RunConsole Process() =>
        new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError(), IsProcessConsole: true);
}
