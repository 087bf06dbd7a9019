namespace Weir.Cli.SpecTests;

/// <summary>A command the runner cannot run, and why (only text-format modules, which need a .wat parser).</summary>
/// <param name="Line">The command's line in the .wast script.</param>
/// <param name="Kind">The command.</param>
/// <param name="Reason">Why it was not run.</param>
internal sealed record SpecSkip(int Line, SpecCommandKind Kind, string Reason)
{
    public override string ToString() => $"line {Line}: skipped: {Reason}";
}
