namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>
/// A fact that runs a real toolchain: without it the test is skipped with the reason, except with
/// CI=true, where it runs and fails, so CI cannot pass by skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolchainFactAttribute : FactAttribute
{
    public ToolchainFactAttribute(params string[] tools)
    {
        Skip = Toolchain.SkipReason(tools);
    }
}
