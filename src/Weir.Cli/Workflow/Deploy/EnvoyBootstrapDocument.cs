using System.Net;
using System.Text.Json.Nodes;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>
/// An Envoy v3 bootstrap (<c>envoy -c FILE</c>): a listener whose HTTP connection manager runs
/// <c>envoy.filters.http.wasm</c> then the router, a cluster for the upstream, and — when Envoy fetches
/// the module itself — a cluster for the registry. Field names are those of the v3 API
/// (<c>envoy.extensions.filters.http.wasm.v3.Wasm</c> → <c>envoy.extensions.wasm.v3.PluginConfig</c>).
/// </summary>
internal static class EnvoyBootstrapDocument
{
    public const string WasmFilterName = "envoy.filters.http.wasm";
    public const string WasmType = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
    public const string StringValueType = "type.googleapis.com/google.protobuf.StringValue";
    public const string Runtime = "envoy.wasm.runtime.v8";
    public const string UpstreamCluster = "upstream";
    public const string RegistryCluster = "weir_module_registry";

    private const string ConnectionManagerType = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    private const string RouterType = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";
    private const string UpstreamTlsType = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";

    public static JsonObject Build(DeploymentModule module, DeploymentSettings settings)
    {
        var clusters = new JsonArray(Cluster(UpstreamCluster, settings.Upstream));
        JsonObject code;
        if (settings.Code == EnvoyCodeSource.Remote)
        {
            var uri = settings.ModuleUri ?? throw new ArgumentException("remote code needs the module's URL", nameof(settings));
            code = new JsonObject
            {
                ["remote"] = new JsonObject
                {
                    ["http_uri"] = new JsonObject
                    {
                        ["uri"] = uri.AbsoluteUri,
                        ["cluster"] = RegistryCluster,
                        ["timeout"] = "30s",
                    },
                    ["sha256"] = module.ModuleDigest.Encoded,
                    ["retry_policy"] = new JsonObject { ["num_retries"] = 3 },
                },
            };
            clusters.Add(Cluster(RegistryCluster, uri));
        }
        else
        {
            var file = settings.ModuleFile ?? throw new ArgumentException("local code needs the module's file", nameof(settings));
            code = new JsonObject { ["local"] = new JsonObject { ["filename"] = file } };
        }

        var pluginConfig = new JsonObject
        {
            ["name"] = settings.Name,
            ["root_id"] = settings.RootId,
            ["vm_config"] = new JsonObject
            {
                ["vm_id"] = settings.Name,
                ["runtime"] = Runtime,
                ["code"] = code,
            },
        };
        if (settings.Configuration is { } configuration)
        {
            pluginConfig["configuration"] = new JsonObject
            {
                ["@type"] = StringValueType,
                ["value"] = configuration.Text,
            };
        }

        var route = new JsonObject { ["cluster"] = UpstreamCluster };
        if (!IPAddress.TryParse(settings.Upstream.Host, out _))
        {
            // A named upstream (a virtual host) expects its own name in Host, as the Weir gateway sends it.
            route["auto_host_rewrite"] = true;
        }

        var connectionManager = new JsonObject
        {
            ["@type"] = ConnectionManagerType,
            ["stat_prefix"] = "ingress_http",
            ["codec_type"] = "AUTO",
            ["route_config"] = new JsonObject
            {
                ["name"] = "local_route",
                ["virtual_hosts"] = new JsonArray(new JsonObject
                {
                    ["name"] = "upstream",
                    ["domains"] = new JsonArray("*"),
                    ["routes"] = new JsonArray(new JsonObject
                    {
                        ["match"] = new JsonObject { ["prefix"] = "/" },
                        ["route"] = route,
                    }),
                }),
            },
            ["http_filters"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = WasmFilterName,
                    ["typed_config"] = new JsonObject
                    {
                        ["@type"] = WasmType,
                        ["config"] = pluginConfig,
                    },
                },
                new JsonObject
                {
                    ["name"] = "envoy.filters.http.router",
                    ["typed_config"] = new JsonObject { ["@type"] = RouterType },
                }),
        };

        return new JsonObject
        {
            ["static_resources"] = new JsonObject
            {
                ["listeners"] = new JsonArray(new JsonObject
                {
                    ["name"] = "main",
                    ["address"] = SocketAddress(settings.Listen.IpAddress, settings.Listen.Port),
                    ["filter_chains"] = new JsonArray(new JsonObject
                    {
                        ["filters"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "envoy.filters.network.http_connection_manager",
                            ["typed_config"] = connectionManager,
                        }),
                    }),
                }),
                ["clusters"] = clusters,
            },
        };
    }

    private static JsonObject Cluster(string name, Uri address)
    {
        var isAddress = IPAddress.TryParse(address.Host.Trim('[', ']'), out _);
        var cluster = new JsonObject
        {
            ["name"] = name,
            ["type"] = isAddress ? "STATIC" : "STRICT_DNS",
            ["connect_timeout"] = "5s",
            ["lb_policy"] = "ROUND_ROBIN",
            ["load_assignment"] = new JsonObject
            {
                ["cluster_name"] = name,
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["lb_endpoints"] = new JsonArray(new JsonObject
                    {
                        ["endpoint"] = new JsonObject { ["address"] = SocketAddress(address.Host.Trim('[', ']'), address.Port) },
                    }),
                }),
            },
        };
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            var tls = new JsonObject { ["@type"] = UpstreamTlsType };
            if (!isAddress)
            {
                tls["sni"] = address.Host;
            }

            cluster["transport_socket"] = new JsonObject
            {
                ["name"] = "envoy.transport_sockets.tls",
                ["typed_config"] = tls,
            };
        }

        return cluster;
    }

    private static JsonObject SocketAddress(string address, int port) => new()
    {
        ["socket_address"] = new JsonObject
        {
            ["address"] = address,
            ["port_value"] = port,
        },
    };

}
