namespace Weir.Wasi.Tests.Support;

/// <summary>
/// A theory that compares with Node's WASI. Without node it is skipped with the reason, except when
/// the environment variable CI is "true": then it runs and fails, so CI cannot pass by skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute()
    {
        Skip = NodeRuntime.SkipReason();
    }
}
