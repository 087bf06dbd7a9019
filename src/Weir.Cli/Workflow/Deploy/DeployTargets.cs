using System.Diagnostics.CodeAnalysis;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>The names of <see cref="DeployTarget"/> values on the command line.</summary>
internal static class DeployTargets
{
    public static readonly string[] Names = ["weir", "envoy", "istio"];

    public static bool TryParse(string? text, [NotNullWhen(true)] out DeployTarget? target)
    {
        target = text?.Trim().ToLowerInvariant() switch
        {
            "weir" => DeployTarget.Weir,
            "envoy" => DeployTarget.Envoy,
            "istio" => DeployTarget.Istio,
            _ => null,
        };
        return target is not null;
    }
}
