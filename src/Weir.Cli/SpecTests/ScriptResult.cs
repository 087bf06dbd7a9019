namespace Weir.Cli.SpecTests;

/// <summary>The outcome of one script: counts per command, with the details of failures, skips and notes.</summary>
internal sealed record ScriptResult(
    string Name,
    int Passed,
    int Failed,
    int Skipped,
    IReadOnlyList<SpecFailure> Failures,
    IReadOnlyList<SpecSkip> Skips,
    IReadOnlyList<SpecNote> Notes)
{
    /// <summary>A script that could not run at all (unreadable, or it crashed the runner): one failure.</summary>
    public static ScriptResult Broken(string name, string reason) =>
        new(name, 0, 1, 0, [new SpecFailure(0, name, "a runnable script", reason)], [], []);

    /// <summary>The summary line, <c>NAME: P passed, F failed, S skipped</c>.</summary>
    public string Summary => $"{Name}: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
