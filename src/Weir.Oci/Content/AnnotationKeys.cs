namespace Weir.Oci.Content;

/// <summary>Annotation keys Weir reads or writes.</summary>
public static class AnnotationKeys
{
    /// <summary>The standard title annotation (a file name for Wasm layers).</summary>
    public const string Title = "org.opencontainers.image.title";

    /// <summary>The standard creation-time annotation (RFC 3339).</summary>
    public const string Created = "org.opencontainers.image.created";

    /// <summary>The standard description annotation.</summary>
    public const string Description = "org.opencontainers.image.description";

    /// <summary>The standard version annotation.</summary>
    public const string Version = "org.opencontainers.image.version";

    /// <summary>The reference name of a manifest in an OCI image layout's <c>index.json</c>.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";

    /// <summary>solo-oci: the ABI versions joined with commas.</summary>
    public const string WasmRuntimeAbiVersion = "module.wasm.runtime/abi_version";

    /// <summary>solo-oci: the runtime type (<c>envoy_proxy</c>).</summary>
    public const string WasmRuntimeType = "module.wasm.runtime/type";

    /// <summary>compat-oci: the variant marker, value <c>compat</c>.</summary>
    public const string WasmImageVariant = "module.wasm.image/variant";

    /// <summary>crun/containerd convention marking a container image as Wasm (value <c>wasm</c>).</summary>
    public const string RunOciHandler = "run.oci.handler";
}
