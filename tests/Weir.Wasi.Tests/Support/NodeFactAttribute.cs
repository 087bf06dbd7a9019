namespace Weir.Wasi.Tests.Support;

/// <summary>A fact that needs node; skipped without it unless CI is "true" (see <see cref="NodeTheoryAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        Skip = NodeRuntime.SkipReason();
    }
}
