namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>A theory that runs real tools: skipped with the reason when they are missing, except with CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolchainTheoryAttribute : TheoryAttribute
{
    public ToolchainTheoryAttribute(params string[] tools)
    {
        Skip = Toolchain.SkipReason(tools);
    }
}
