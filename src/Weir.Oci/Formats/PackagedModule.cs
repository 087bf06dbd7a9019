using Weir.Oci.Content;

namespace Weir.Oci.Formats;

/// <summary>A module packaged in one <see cref="ModuleFormat"/>: the manifest bytes and every blob they reference.</summary>
public sealed class PackagedModule
{
    internal PackagedModule(ModuleFormat format, byte[] manifest, string manifestMediaType, IReadOnlyList<PackagedBlob> blobs, Digest moduleDigest, RuntimeConfig runtimeConfig)
    {
        Format = format;
        Manifest = manifest;
        ManifestMediaType = manifestMediaType;
        ManifestDigest = Digest.Compute(manifest);
        Blobs = blobs;
        ModuleDigest = moduleDigest;
        RuntimeConfig = runtimeConfig;
    }

    /// <summary>The format written.</summary>
    public ModuleFormat Format { get; }

    /// <summary>The exact manifest bytes (compact JSON).</summary>
    public ReadOnlyMemory<byte> Manifest { get; }

    /// <summary>The manifest's media type, to send as <c>Content-Type</c>.</summary>
    public string ManifestMediaType { get; }

    /// <summary>The digest of <see cref="Manifest"/>.</summary>
    public Digest ManifestDigest { get; }

    /// <summary>The distinct blobs (config first); solo's repeated config blob appears once.</summary>
    public IReadOnlyList<PackagedBlob> Blobs { get; }

    /// <summary>The digest of the raw module bytes.</summary>
    public Digest ModuleDigest { get; }

    /// <summary>The runtime config describing the module (written into solo and compat images).</summary>
    public RuntimeConfig RuntimeConfig { get; }
}
