namespace Weir.Hub.Tests.Support;

/// <summary>Exit code and output of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
