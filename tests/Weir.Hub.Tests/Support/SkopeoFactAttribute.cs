namespace Weir.Hub.Tests.Support;

/// <summary>A fact that needs skopeo: skipped with a reason when it is missing, unless CI=true (then it runs and fails).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SkopeoFactAttribute : FactAttribute
{
    public SkopeoFactAttribute()
    {
        Skip = ExternalTool.SkipReasonIfMissing("skopeo", "apt-get install -y skopeo");
    }
}
