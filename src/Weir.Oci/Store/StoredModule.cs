using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Oci.Store;

/// <summary>A module resolved from the local store: where its bytes are and what describes them.</summary>
public sealed class StoredModule
{
    internal StoredModule(Reference reference, Digest manifestDigest, WasmArtifact artifact, Digest moduleDigest, string modulePath, long moduleSize, RuntimeConfig? runtimeConfig)
    {
        Reference = reference;
        ManifestDigest = manifestDigest;
        Artifact = artifact;
        ModuleDigest = moduleDigest;
        ModulePath = modulePath;
        ModuleSize = moduleSize;
        RuntimeConfig = runtimeConfig;
    }

    /// <summary>The reference that was resolved.</summary>
    public Reference Reference { get; }

    /// <summary>The digest of the image manifest holding the module (the child manifest when the reference names an index).</summary>
    public Digest ManifestDigest { get; }

    /// <summary>The classified manifest.</summary>
    public WasmArtifact Artifact { get; }

    /// <summary>The format the module was stored in.</summary>
    public ModuleFormat Format => Artifact.Format;

    /// <summary>The digest of the raw module bytes (for compat images, of the extracted <c>plugin.wasm</c>).</summary>
    public Digest ModuleDigest { get; }

    /// <summary>A file holding exactly the module bytes; a content-addressed blob, so treat it as read-only.</summary>
    public string ModulePath { get; }

    /// <summary>The module size in bytes.</summary>
    public long ModuleSize { get; }

    /// <summary>The runtime config, when the image carries one (solo and compat).</summary>
    public RuntimeConfig? RuntimeConfig { get; }

    /// <summary>Reads the module bytes.</summary>
    public Task<byte[]> ReadModuleAsync(CancellationToken cancellationToken = default) => File.ReadAllBytesAsync(ModulePath, cancellationToken);
}
