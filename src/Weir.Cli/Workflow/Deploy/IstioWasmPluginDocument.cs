using System.Text.Json.Nodes;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>
/// An Istio <c>WasmPlugin</c> (<c>extensions.istio.io/v1alpha1</c>): Istio's agent pulls the OCI image
/// itself and checks it against <c>sha256</c>, the manifest digest (hex, no prefix).
/// </summary>
internal static class IstioWasmPluginDocument
{
    public const string ApiVersion = "extensions.istio.io/v1alpha1";
    public const string Kind = "WasmPlugin";

    public static JsonObject Build(DeploymentModule module, DeploymentSettings settings)
    {
        var metadata = new JsonObject { ["name"] = settings.Name };
        if (settings.Namespace is { } name)
        {
            metadata["namespace"] = name;
        }

        var labels = new JsonObject();
        foreach (var (key, value) in settings.Selector)
        {
            labels[key] = value;
        }

        // A tag when there is one (readable; the sha256 field pins it), else the digest itself.
        var url = module.Reference.Tag is not null ? module.Reference.WithTag(module.Reference.Tag) : module.Reference.ByDigest(module.ManifestDigest);
        var spec = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = labels },
            ["url"] = "oci://" + url,
            ["sha256"] = module.ManifestDigest.Encoded,
            ["imagePullPolicy"] = "IfNotPresent",
            ["phase"] = settings.Phase,
        };
        if (settings.RootId.Length > 0)
        {
            spec["pluginName"] = settings.RootId;
        }

        if (settings.Configuration?.Json is JsonObject configuration)
        {
            spec["pluginConfig"] = configuration.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }
}
