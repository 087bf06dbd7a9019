using System.Text.Json.Nodes;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>
/// A Weir gateway configuration (docs/GATEWAY.md; <c>weir proxy -c FILE</c>): one listener routing every
/// path to the upstream through the filter, whose module is pinned twice — the reference carries the
/// manifest digest, <c>sha256</c> the module's.
/// </summary>
internal static class WeirGatewayDocument
{
    public const string ListenerName = "public";
    public const string ClusterName = "upstream";

    public static JsonObject Build(DeploymentModule module, DeploymentSettings settings)
    {
        var filter = new JsonObject
        {
            ["name"] = settings.Name,
            ["module"] = "oci://" + module.Pinned,
            ["sha256"] = module.ModuleDigest.Encoded,
        };
        if (settings.RootId.Length > 0)
        {
            filter["root_id"] = settings.RootId;
        }

        if (settings.Configuration is { } configuration)
        {
            filter["configuration"] = configuration.Text;
        }

        return new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["name"] = ListenerName,
                ["address"] = settings.Listen.ToString(),
                ["filters"] = new JsonArray(settings.Name),
                ["routes"] = new JsonArray(new JsonObject
                {
                    ["match"] = new JsonObject { ["prefix"] = "/" },
                    ["cluster"] = ClusterName,
                }),
            }),
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = ClusterName,
                ["endpoints"] = new JsonArray(settings.Upstream.GetLeftPart(UriPartial.Path).TrimEnd('/')),
            }),
            ["filters"] = new JsonArray(filter),
        };
    }
}
