using static Weir.Cli.Tests.Workflow.Support.DocumentSchema;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>The fields of an <c>extensions.istio.io/v1alpha1</c> <c>WasmPlugin</c> (istio/api extensions/v1alpha1/wasm.proto) and its object metadata.</summary>
internal static class IstioSchema
{
    public static readonly MessageSchema WasmPlugin = Message(
        "WasmPlugin",
        ("apiVersion", OneOf("extensions.istio.io/v1alpha1")),
        ("kind", OneOf("WasmPlugin")),
        ("metadata", Message("ObjectMeta", ("name", Text("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")), ("namespace", Text("[a-z0-9]([a-z0-9-]*[a-z0-9])?")), ("labels", AnyMapping), ("annotations", AnyMapping))),
        ("spec", Message(
            "WasmPluginSpec",
            ("selector", Message("WorkloadSelector", ("matchLabels", AnyMapping))),
            ("targetRef", AnyMapping),
            ("targetRefs", List(AnyMapping)),
            ("url", Text("oci://.+")),
            ("sha256", Sha256Hex),
            ("imagePullPolicy", OneOf("UNSPECIFIED_POLICY", "IfNotPresent", "Always")),
            ("imagePullSecret", Text(".+")),
            ("pluginConfig", AnyMapping),
            ("pluginName", Text(".+")),
            ("phase", OneOf("UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS")),
            ("priority", Text("-?[0-9]+")),
            ("failStrategy", OneOf("FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD")),
            ("match", List(AnyMapping)),
            ("vmConfig", AnyMapping),
            ("type", OneOf("UNSPECIFIED_PLUGIN_TYPE", "HTTP", "NETWORK")))));
}
