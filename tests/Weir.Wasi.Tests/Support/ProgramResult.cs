namespace Weir.Wasi.Tests.Support;

/// <summary>What a run of a program produced.</summary>
internal sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The check lines that failed ("FAIL …"), for readable assertion messages.</summary>
    public IReadOnlyList<string> Failures => Stdout.Split('\n').Where(line => line.StartsWith("FAIL", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<string> Lines => Stdout.Split('\n');

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
