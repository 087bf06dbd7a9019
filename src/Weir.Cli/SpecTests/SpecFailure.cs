namespace Weir.Cli.SpecTests;

/// <summary>A command that did not do what the script expects.</summary>
/// <param name="Line">The command's line in the .wast script.</param>
/// <param name="Command">The command, described in one line.</param>
/// <param name="Expected">What the script expects.</param>
/// <param name="Actual">What happened instead.</param>
internal sealed record SpecFailure(int Line, string Command, string Expected, string Actual)
{
    public override string ToString() => $"line {Line}: {Command}: expected {Expected}, got {Actual}";
}
