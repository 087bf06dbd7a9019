namespace Weir.Oci.Tests.Support;

/// <summary>
/// A fact that needs external programs. Without them it is skipped with the reason — except when the
/// environment variable CI is "true", where it runs and fails, so CI cannot pass by skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        Skip = ExternalTools.SkipReason(tools);
    }
}
