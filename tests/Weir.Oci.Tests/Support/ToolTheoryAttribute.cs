namespace Weir.Oci.Tests.Support;

/// <summary>The theory counterpart of <see cref="ToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools)
    {
        Skip = ExternalTools.SkipReason(tools);
    }
}
