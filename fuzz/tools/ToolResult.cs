namespace Weir.Fuzz.Tools;

/// <summary>How an external program ended.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error, bool TimedOut)
{
    /// <summary>Whether it exited with 0 in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
