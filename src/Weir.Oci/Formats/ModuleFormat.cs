namespace Weir.Oci.Formats;

/// <summary>The Wasm-in-OCI formats of <c>oci-wasm.md</c> §1.</summary>
public enum ModuleFormat
{
    /// <summary>solo-io "oci" variant (WebAssembly Hub, <c>wasme</c>): config repeated as <c>layers[0]</c>, raw module as <c>layers[1]</c>. Weir's default; Istio pulls it.</summary>
    Solo,

    /// <summary>solo-io "compat" variant, OCI flavour: one tar+gzip layer holding <c>plugin.wasm</c>. Istio pulls it.</summary>
    Compat,

    /// <summary>solo-io "compat" variant, Docker schema-2 flavour. Istio pulls it.</summary>
    CompatDocker,

    /// <summary>CNCF TAG-Runtime Wasm OCI artifact layout (<c>application/wasm</c>). containerd, wasmCloud, wkg; not Istio.</summary>
    Cncf,

    /// <summary>engineerd/wasm-to-oci (Krustlet) media types. Read only.</summary>
    WasmToOci,

    /// <summary>A manifest whose only recognisable module is a raw component layer of early component tooling. Read only.</summary>
    RawComponentLayer,
}
