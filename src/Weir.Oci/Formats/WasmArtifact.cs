using Weir.Oci.Content;

namespace Weir.Oci.Formats;

/// <summary>Where a manifest keeps its Wasm module, as found by <see cref="WasmArtifact.Classify"/>.</summary>
public sealed class WasmArtifact
{
    private WasmArtifact(ModuleFormat format, ImageManifest manifest, Descriptor moduleLayer, Descriptor? runtimeConfig)
    {
        Format = format;
        Manifest = manifest;
        ModuleLayer = moduleLayer;
        RuntimeConfig = runtimeConfig;
    }

    /// <summary>The format recognised.</summary>
    public ModuleFormat Format { get; }

    /// <summary>The parsed manifest.</summary>
    public ImageManifest Manifest { get; }

    /// <summary>The layer holding the module: raw bytes, or for the compat formats a tar+gzip holding <c>plugin.wasm</c>.</summary>
    public Descriptor ModuleLayer { get; }

    /// <summary>Says whether <see cref="ModuleLayer"/> is a tar+gzip archive rather than raw module bytes.</summary>
    public bool ModuleIsArchived => Format is ModuleFormat.Compat or ModuleFormat.CompatDocker;

    /// <summary>The solo runtime-config blob, for the solo format (compat images carry theirs inside the layer).</summary>
    public Descriptor? RuntimeConfig { get; }

    /// <summary>Classifies a manifest by the rules of <c>oci-wasm.md</c> §1.7.</summary>
    /// <param name="manifest">The parsed manifest (not an index; resolve indexes first).</param>
    /// <param name="contentType">The Content-Type the manifest was served or pushed with, used when the body has no <c>mediaType</c>.</param>
    /// <exception cref="FormatException">The manifest holds no module Weir recognises, or breaks its format's rules.</exception>
    public static WasmArtifact Classify(ImageManifest manifest, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var manifestType = manifest.MediaType ?? MediaTypes.Normalize(contentType) ?? MediaTypes.OciManifest;
        var layers = manifest.Layers;

        if (manifest.Config.MediaType == MediaTypes.CncfWasmConfig)
        {
            if (layers.Count != 1)
            {
                throw new FormatException($"Invalid CNCF Wasm artifact: it must have exactly one layer, found {layers.Count}.");
            }

            return new WasmArtifact(ModuleFormat.Cncf, manifest, layers[0], null);
        }

        var soloLayer = layers.FirstOrDefault(layer => layer.MediaType == MediaTypes.SoloContentLayer);
        if (soloLayer is not null)
        {
            var runtimeConfig = IsSoloConfig(manifest.Config.MediaType)
                ? manifest.Config
                : layers.FirstOrDefault(layer => IsSoloConfig(layer.MediaType));
            return new WasmArtifact(ModuleFormat.Solo, manifest, soloLayer, runtimeConfig);
        }

        var wasmToOciLayer = layers.FirstOrDefault(layer => layer.MediaType == MediaTypes.WasmToOciContentLayer);
        if (wasmToOciLayer is not null || manifest.Config.MediaType == MediaTypes.WasmToOciConfig)
        {
            var module = wasmToOciLayer ?? layers.FirstOrDefault(layer => MediaTypes.IsRawWasmLayer(layer.MediaType))
                ?? throw new FormatException("Invalid wasm-to-oci artifact: no layer holds the module.");
            return new WasmArtifact(ModuleFormat.WasmToOci, manifest, module, null);
        }

        var componentLayer = layers.FirstOrDefault(layer => layer.MediaType == MediaTypes.BytecodeAllianceComponentLayer);
        if (componentLayer is not null)
        {
            return new WasmArtifact(ModuleFormat.RawComponentLayer, manifest, componentLayer, null);
        }

        if (layers.Count > 0 && MediaTypes.IsTarGzipLayer(layers[^1].MediaType))
        {
            var docker = manifestType == MediaTypes.DockerManifest;
            if (docker && layers[^1].MediaType != MediaTypes.DockerLayerTarGzip)
            {
                throw new FormatException($"Invalid compat image: a Docker manifest's last layer must be {MediaTypes.DockerLayerTarGzip}.");
            }

            return new WasmArtifact(docker ? ModuleFormat.CompatDocker : ModuleFormat.Compat, manifest, layers[^1], null);
        }

        var seen = string.Join(", ", layers.Select(layer => layer.MediaType).Distinct(StringComparer.Ordinal));
        throw new FormatException(
            $"The manifest holds no Wasm module in a format Weir knows (config {manifest.Config.MediaType}; layers: {(seen.Length == 0 ? "none" : seen)}).");
    }

    private static bool IsSoloConfig(string mediaType) => mediaType is MediaTypes.SoloConfig or MediaTypes.SoloConfigMisspelled;
}
