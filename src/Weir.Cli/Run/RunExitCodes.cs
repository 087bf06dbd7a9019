namespace Weir.Cli.Run;

/// <summary>
/// The exit codes of <c>weir run</c> that do not come from the program itself. The program's own
/// code (from proc_exit, or 0 when <c>_start</c> returns) is passed through unchanged.
/// </summary>
internal static class RunExitCodes
{
    /// <summary>The program trapped, ran out of fuel or time (128 + SIGABRT, as wasmtime does).</summary>
    public const int Trap = 134;

    /// <summary>weir could not start the program: file missing, invalid module, unknown import, not a WASI command, bad --invoke arguments, a bad option value.</summary>
    public const int CouldNotRun = 125;
}
