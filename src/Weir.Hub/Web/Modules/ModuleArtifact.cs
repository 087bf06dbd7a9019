using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Hub.Web.Modules;

/// <summary>
/// The Wasm module a stored manifest carries. <paramref name="ManifestDigest"/> is the manifest that holds
/// the module (an index's chosen child); <paramref name="ModuleLayer"/> is the layer it came from, which for
/// the compat formats is a tar+gzip rather than the module itself (<paramref name="LayerIsModule"/> false).
/// </summary>
internal sealed record ModuleArtifact(
    string ManifestDigest,
    ModuleFormat Format,
    IReadOnlyDictionary<string, string> Annotations,
    byte[] Module,
    Digest ModuleDigest,
    Descriptor ModuleLayer,
    bool LayerIsModule,
    RuntimeConfig? RuntimeConfig);
