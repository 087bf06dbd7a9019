using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>A module to deploy, resolved in the local store: the digests that pin it and what its runtime config says.</summary>
/// <param name="Reference">The reference as given (tag and/or digest).</param>
/// <param name="ManifestDigest">The digest of the manifest: what Istio and OCI pulls verify.</param>
/// <param name="ModuleDigest">The digest of the raw module bytes: what Envoy and the Weir gateway verify.</param>
/// <param name="Format">The OCI format it is packaged in.</param>
/// <param name="ModulePath">The module's file in the local store.</param>
/// <param name="RootIds">The root ids the runtime config lists.</param>
internal sealed record DeploymentModule(
    Reference Reference,
    Digest ManifestDigest,
    Digest ModuleDigest,
    ModuleFormat Format,
    string ModulePath,
    IReadOnlyList<string> RootIds)
{
    /// <summary>Whether the module layer is the raw <c>.wasm</c> (so a plain HTTP GET of the blob returns the module).</summary>
    public bool ModuleLayerIsRaw => Format is not (ModuleFormat.Compat or ModuleFormat.CompatDocker);

    /// <summary>The reference pinned to the manifest digest, keeping the tag for readers: <c>registry/repository:tag@sha256:…</c>.</summary>
    public Reference Pinned => Reference.WithDigest(ManifestDigest);
}
