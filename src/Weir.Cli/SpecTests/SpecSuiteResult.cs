namespace Weir.Cli.SpecTests;

/// <summary>The outcome of a set of scripts, in the order they were given.</summary>
internal sealed record SpecSuiteResult(IReadOnlyList<ScriptResult> Scripts)
{
    public int Passed => Scripts.Sum(script => script.Passed);

    public int Failed => Scripts.Sum(script => script.Failed);

    public int Skipped => Scripts.Sum(script => script.Skipped);

    /// <summary>The closing line, <c>spectest: N passed, N failed, N skipped</c>.</summary>
    public string Summary => $"spectest: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
