namespace Weir.Cli.SpecTests;

/// <summary>
/// Something worth a look that is not a failure: an expected error happened with different wording
/// than the spec's (the spec only fixes the kind of error, so the wording is compared loosely).
/// </summary>
/// <param name="Line">The command's line in the .wast script.</param>
/// <param name="Command">The command, described in one line.</param>
/// <param name="Message">What differs.</param>
internal sealed record SpecNote(int Line, string Command, string Message)
{
    public override string ToString() => $"line {Line}: note: {Command}: {Message}";
}
