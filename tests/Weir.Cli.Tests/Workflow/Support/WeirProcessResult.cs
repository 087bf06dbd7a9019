namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>How a finished <c>weir</c> child process ended.</summary>
internal sealed record WeirProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
