namespace Weir.Cli.Workflow.Deploy;

/// <summary>What <c>weir deploy</c> writes configuration for.</summary>
internal enum DeployTarget
{
    /// <summary>A Weir gateway configuration (<c>weir proxy -c</c>).</summary>
    Weir,

    /// <summary>An Envoy v3 bootstrap with <c>envoy.filters.http.wasm</c>.</summary>
    Envoy,

    /// <summary>An Istio <c>extensions.istio.io/v1alpha1</c> <c>WasmPlugin</c>.</summary>
    Istio,
}
