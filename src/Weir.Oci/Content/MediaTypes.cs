namespace Weir.Oci.Content;

/// <summary>
/// Media types of OCI and Docker manifests, and every Wasm-in-OCI media type Weir reads or writes
/// (see <c>oci-wasm.md</c> §1).
/// </summary>
public static class MediaTypes
{
    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index (a list of manifests, e.g. per platform).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image configuration.</summary>
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>OCI gzip-compressed tar layer (compat-oci carries <c>plugin.wasm</c> in one).</summary>
    public const string OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>OCI uncompressed tar layer.</summary>
    public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>The OCI empty descriptor type (<c>{}</c>), used by artifacts without a config.</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    /// <summary>Docker schema-2 image manifest.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Docker schema-2 manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker container image configuration (compat-docker).</summary>
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>Docker gzip-compressed tar layer (compat-docker carries <c>plugin.wasm</c> in one).</summary>
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>solo-oci runtime configuration (<c>type</c>, <c>abiVersions</c>, <c>config.rootIds</c>).</summary>
    public const string SoloConfig = "application/vnd.module.wasm.config.v1+json";

    /// <summary>solo-oci module layer: the raw <c>.wasm</c> bytes.</summary>
    public const string SoloContentLayer = "application/vnd.module.wasm.content.layer.v1+wasm";

    /// <summary>
    /// A misspelling of <see cref="SoloConfig"/> found in an early solo spec table; no known tool writes
    /// it, readers tolerate it.
    /// </summary>
    public const string SoloConfigMisspelled = "application/vnd.io.wasm.module.config.v1+json";

    /// <summary>CNCF TAG-Runtime Wasm artifact configuration.</summary>
    public const string CncfWasmConfig = "application/vnd.wasm.config.v0+json";

    /// <summary>CNCF TAG-Runtime Wasm layer: raw module or component bytes.</summary>
    public const string Wasm = "application/wasm";

    /// <summary>wasm-to-oci (Krustlet) configuration, body <c>{}</c>.</summary>
    public const string WasmToOciConfig = "application/vnd.wasm.config.v1+json";

    /// <summary>wasm-to-oci (Krustlet) module layer: raw bytes.</summary>
    public const string WasmToOciContentLayer = "application/vnd.wasm.content.layer.v1+wasm";

    /// <summary>Raw component layer used by early component tooling; read as raw Wasm bytes.</summary>
    public const string BytecodeAllianceComponentLayer = "application/vnd.bytecodealliance.wasm.component.layer.v0+wasm";

    /// <summary>The manifest types a client asks for when pulling a Wasm module (the <c>Accept</c> list).</summary>
    public static IReadOnlyList<string> AcceptedManifests { get; } =
        [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    /// <summary>Says whether <paramref name="mediaType"/> is an image index or a Docker manifest list.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Says whether <paramref name="mediaType"/> is an OCI or Docker schema-2 image manifest.</summary>
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>Says whether a layer of <paramref name="mediaType"/> holds raw Wasm bytes (not tar, not gzip).</summary>
    public static bool IsRawWasmLayer(string? mediaType) =>
        mediaType is SoloContentLayer or Wasm or WasmToOciContentLayer or BytecodeAllianceComponentLayer;

    /// <summary>Says whether a layer of <paramref name="mediaType"/> is a gzip-compressed tar (compat variant).</summary>
    public static bool IsTarGzipLayer(string? mediaType) => mediaType is OciLayerTarGzip or DockerLayerTarGzip;

    /// <summary>Removes parameters (<c>; charset=…</c>) and whitespace from a Content-Type value.</summary>
    public static string? Normalize(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var bare = semicolon >= 0 ? contentType[..semicolon] : contentType;
        return bare.Trim().ToLowerInvariant();
    }
}
