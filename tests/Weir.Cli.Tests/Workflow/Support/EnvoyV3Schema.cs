using static Weir.Cli.Tests.Workflow.Support.DocumentSchema;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>
/// The Envoy v3 API messages a bootstrap with the Wasm HTTP filter uses, with their documented field
/// names (envoy/config/bootstrap/v3, listener/v3, cluster/v3, endpoint/v3, core/v3, route/v3,
/// extensions/filters/network/http_connection_manager/v3, extensions/filters/http/wasm/v3,
/// extensions/wasm/v3, extensions/transport_sockets/tls/v3).
/// </summary>
internal static class EnvoyV3Schema
{
    public const string WasmType = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
    public const string StringValueType = "type.googleapis.com/google.protobuf.StringValue";

    private static readonly MessageSchema SocketAddress = Message(
        "config.core.v3.SocketAddress",
        ("protocol", OneOf("TCP", "UDP")),
        ("address", Text("[0-9a-zA-Z.:-]+")),
        ("port_value", Port),
        ("named_port", Text()),
        ("resolver_name", Text()),
        ("ipv4_compat", OneOf("true", "false")));

    private static readonly MessageSchema Address = Message("config.core.v3.Address", ("socket_address", SocketAddress), ("pipe", AnyMapping));

    private static readonly MessageSchema TransportSocket = Message(
        "config.core.v3.TransportSocket",
        ("name", OneOf("envoy.transport_sockets.tls")),
        ("typed_config", Message(
            "extensions.transport_sockets.tls.v3.UpstreamTlsContext",
            ("@type", OneOf("type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext")),
            ("common_tls_context", AnyMapping),
            ("sni", Text(".+")),
            ("allow_renegotiation", OneOf("true", "false")))));

    private static readonly MessageSchema PluginConfig = Message(
        "extensions.wasm.v3.PluginConfig",
        ("name", Text(".+")),
        ("root_id", Text()),
        ("vm_config", Message(
            "extensions.wasm.v3.VmConfig",
            ("vm_id", Text()),
            ("runtime", OneOf("envoy.wasm.runtime.v8", "envoy.wasm.runtime.wasmtime", "envoy.wasm.runtime.wamr", "envoy.wasm.runtime.null")),
            ("code", Message(
                "config.core.v3.AsyncDataSource",
                ("local", Message("config.core.v3.DataSource", ("filename", Text(".+")), ("inline_bytes", Text()), ("inline_string", Text()), ("environment_variable", Text()))),
                ("remote", Message(
                    "config.core.v3.RemoteDataSource",
                    ("http_uri", Message("config.core.v3.HttpUri", ("uri", Text("https?://.+")), ("cluster", Text(".+")), ("timeout", Duration))),
                    ("sha256", Sha256Hex),
                    ("retry_policy", Message("config.core.v3.RetryPolicy", ("retry_back_off", AnyMapping), ("num_retries", Text("[0-9]+")))))))),
            ("configuration", AnyMapping),
            ("allow_precompiled", OneOf("true", "false")),
            ("nack_on_code_cache_miss", OneOf("true", "false")),
            ("environment_variables", AnyMapping))),
        ("configuration", Message("google.protobuf.Any(StringValue)", ("@type", OneOf(StringValueType)), ("value", Text("(.|\n)*")))),
        ("fail_open", OneOf("true", "false")),
        ("failure_policy", OneOf("UNSPECIFIED", "FAIL_RELOAD", "FAIL_CLOSED", "FAIL_OPEN")),
        ("capability_restriction_config", AnyMapping));

    private static readonly MessageSchema HttpFilter = Message(
        "extensions.filters.network.http_connection_manager.v3.HttpFilter",
        ("name", Text(".+")),
        ("typed_config", new TypedConfigSchema(new Dictionary<string, DocumentSchema>(StringComparer.Ordinal)
        {
            [WasmType] = Message("extensions.filters.http.wasm.v3.Wasm", ("@type", Text()), ("config", PluginConfig)),
            ["type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"] = Message("extensions.filters.http.router.v3.Router", ("@type", Text())),
        })),
        ("is_optional", OneOf("true", "false")),
        ("disabled", OneOf("true", "false")));

    private static readonly MessageSchema Route = Message(
        "config.route.v3.Route",
        ("name", Text()),
        ("match", Message("config.route.v3.RouteMatch", ("prefix", Text()), ("path", Text()), ("safe_regex", AnyMapping), ("headers", List(AnyMapping)))),
        ("route", Message(
            "config.route.v3.RouteAction",
            ("cluster", Text(".+")),
            ("auto_host_rewrite", OneOf("true", "false")),
            ("host_rewrite_literal", Text()),
            ("prefix_rewrite", Text()),
            ("timeout", Duration))));

    private static readonly MessageSchema VirtualHost = Message(
        "config.route.v3.VirtualHost",
        ("name", Text(".+")),
        ("domains", List(Text(".+"))),
        ("routes", List(Route)));

    private static readonly MessageSchema ConnectionManager = Message(
        "extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        ("@type", OneOf("type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager")),
        ("codec_type", OneOf("AUTO", "HTTP1", "HTTP2", "HTTP3")),
        ("stat_prefix", Text(".+")),
        ("route_config", Message("config.route.v3.RouteConfiguration", ("name", Text()), ("virtual_hosts", List(VirtualHost)))),
        ("http_filters", List(HttpFilter)));

    private static readonly MessageSchema LbEndpoint = Message(
        "config.endpoint.v3.LbEndpoint",
        ("endpoint", Message("config.endpoint.v3.Endpoint", ("address", Address), ("hostname", Text()))));

    private static readonly MessageSchema Cluster = Message(
        "config.cluster.v3.Cluster",
        ("name", Text(".+")),
        ("type", OneOf("STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST")),
        ("connect_timeout", Duration),
        ("lb_policy", OneOf("ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "RING_HASH", "MAGLEV")),
        ("load_assignment", Message(
            "config.endpoint.v3.ClusterLoadAssignment",
            ("cluster_name", Text(".+")),
            ("endpoints", List(Message("config.endpoint.v3.LocalityLbEndpoints", ("locality", AnyMapping), ("lb_endpoints", List(LbEndpoint))))))),
        ("transport_socket", TransportSocket));

    private static readonly MessageSchema Listener = Message(
        "config.listener.v3.Listener",
        ("name", Text(".+")),
        ("address", Address),
        ("filter_chains", List(Message(
            "config.listener.v3.FilterChain",
            ("name", Text()),
            ("filters", List(Message(
                "config.listener.v3.Filter",
                ("name", OneOf("envoy.filters.network.http_connection_manager")),
                ("typed_config", ConnectionManager))))))));

    public static readonly MessageSchema Bootstrap = Message(
        "config.bootstrap.v3.Bootstrap",
        ("node", AnyMapping),
        ("admin", AnyMapping),
        ("static_resources", Message("config.bootstrap.v3.Bootstrap.StaticResources", ("listeners", List(Listener)), ("clusters", List(Cluster)))));
}
