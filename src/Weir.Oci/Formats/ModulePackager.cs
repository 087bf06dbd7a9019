using System.Globalization;
using System.Text.Json;
using Weir.Oci.Content;
using Weir.Oci.Modules;

namespace Weir.Oci.Formats;

/// <summary>Packages a Wasm module's bytes as an OCI manifest and blobs in one of the writable formats.</summary>
public static class ModulePackager
{
    private const string SoloConfigTitle = "runtime-config.json";
    private const string SoloModuleTitle = "filter.wasm";

    /// <summary>Packages <paramref name="module"/>.</summary>
    /// <exception cref="InvalidWasmModuleException">The bytes are not a well-formed core module.</exception>
    /// <exception cref="NotSupportedException">The binary is a component, or the format is read-only.</exception>
    public static PackagedModule Package(ReadOnlyMemory<byte> module, PackageOptions? options = null)
    {
        options ??= new PackageOptions();
        var info = WasmModuleReader.Read(module.Span);
        if (info.Kind == WasmBinaryKind.Component)
        {
            throw new NotSupportedException("The file is a Wasm component; Weir packages core modules only (proxy-wasm filters and WASI preview 1 programs).");
        }

        var runtimeConfig = options.RuntimeConfig
            ?? new RuntimeConfig(options.RuntimeType, info.ProxyAbiVersions, options.RootIds);
        var moduleDigest = Digest.Compute(module.Span);
        return options.Format switch
        {
            ModuleFormat.Solo => PackageSolo(module, moduleDigest, runtimeConfig, options),
            ModuleFormat.Compat => PackageCompat(module, moduleDigest, runtimeConfig, options, docker: false),
            ModuleFormat.CompatDocker => PackageCompat(module, moduleDigest, runtimeConfig, options, docker: true),
            ModuleFormat.Cncf => PackageCncf(module, moduleDigest, runtimeConfig, options),
            _ => throw new NotSupportedException($"Weir reads but does not write the {ModuleFormats.ToName(options.Format)} format."),
        };
    }

    private static PackagedModule PackageSolo(ReadOnlyMemory<byte> module, Digest moduleDigest, RuntimeConfig runtimeConfig, PackageOptions options)
    {
        var configBytes = runtimeConfig.ToJsonBytes();
        var config = new Descriptor(MediaTypes.SoloConfig, Digest.Compute(configBytes), configBytes.Length, Title(SoloConfigTitle));
        var layer = new Descriptor(MediaTypes.SoloContentLayer, moduleDigest, module.Length, Title(SoloModuleTitle));
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AnnotationKeys.WasmRuntimeAbiVersion] = string.Join(',', runtimeConfig.AbiVersions),
            [AnnotationKeys.WasmRuntimeType] = runtimeConfig.Type,
        };
        Merge(annotations, options.Annotations);

        // wasme's shape, which Istio relies on: the config blob is also layers[0], the module layers[1].
        var manifest = WriteManifest(MediaTypes.OciManifest, config, [config, layer], annotations, dockerOrder: false);
        return new PackagedModule(ModuleFormat.Solo, manifest, MediaTypes.OciManifest, [new(config, configBytes), new(layer, module)], moduleDigest, runtimeConfig);
    }

    private static PackagedModule PackageCompat(ReadOnlyMemory<byte> module, Digest moduleDigest, RuntimeConfig runtimeConfig, PackageOptions options, bool docker)
    {
        var (tar, tarGzip) = CompatLayer.Create(module.Span, runtimeConfig.ToJsonBytes());
        var configBytes = WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("created", FormatTime(options.Created));
            writer.WriteString("architecture", "wasm");
            writer.WriteString("os", "wasip1");
            writer.WriteStartObject("config");
            writer.WriteEndObject();
            writer.WriteStartObject("rootfs");
            writer.WriteString("type", "layers");
            writer.WriteStartArray("diff_ids");
            writer.WriteStringValue(Digest.Compute(tar).Value);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var configDigest = Digest.Compute(configBytes);
        var layerDigest = Digest.Compute(tarGzip);
        Descriptor config;
        Descriptor layer;
        byte[] manifest;
        string manifestMediaType;
        if (docker)
        {
            config = new Descriptor(MediaTypes.DockerImageConfig, configDigest, configBytes.Length);
            layer = new Descriptor(MediaTypes.DockerLayerTarGzip, layerDigest, tarGzip.Length);
            manifestMediaType = MediaTypes.DockerManifest;
            manifest = WriteManifest(manifestMediaType, config, [layer], annotations: null, dockerOrder: true);
        }
        else
        {
            config = new Descriptor(MediaTypes.OciImageConfig, configDigest, configBytes.Length);
            layer = new Descriptor(MediaTypes.OciLayerTarGzip, layerDigest, tarGzip.Length);
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [AnnotationKeys.WasmImageVariant] = "compat" };
            Merge(annotations, options.Annotations);
            manifestMediaType = MediaTypes.OciManifest;
            manifest = WriteManifest(manifestMediaType, config, [layer], annotations, dockerOrder: false);
        }

        return new PackagedModule(docker ? ModuleFormat.CompatDocker : ModuleFormat.Compat, manifest, manifestMediaType,
            [new(config, configBytes), new(layer, tarGzip)], moduleDigest, runtimeConfig);
    }

    private static PackagedModule PackageCncf(ReadOnlyMemory<byte> module, Digest moduleDigest, RuntimeConfig runtimeConfig, PackageOptions options)
    {
        var configBytes = WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("created", FormatTime(options.Created));
            writer.WriteString("architecture", "wasm");
            writer.WriteString("os", "wasip1");
            writer.WriteStartArray("layerDigests");
            writer.WriteStringValue(moduleDigest.Value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        var config = new Descriptor(MediaTypes.CncfWasmConfig, Digest.Compute(configBytes), configBytes.Length);
        var layer = new Descriptor(MediaTypes.Wasm, moduleDigest, module.Length);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        Merge(annotations, options.Annotations);
        var manifest = WriteManifest(MediaTypes.OciManifest, config, [layer], annotations, dockerOrder: false);
        return new PackagedModule(ModuleFormat.Cncf, manifest, MediaTypes.OciManifest, [new(config, configBytes), new(layer, module)], moduleDigest, runtimeConfig);
    }

    /// <summary>Writes a manifest in the member order other tools use, so equal content gives equal digests.</summary>
    internal static byte[] WriteManifest(string mediaType, Descriptor config, IReadOnlyList<Descriptor> layers, IReadOnlyDictionary<string, string>? annotations, bool dockerOrder) =>
        WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", mediaType);
            writer.WritePropertyName("config");
            WriteDescriptor(writer, config, dockerOrder);
            writer.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                WriteDescriptor(writer, layer, dockerOrder);
            }

            writer.WriteEndArray();
            if (annotations is { Count: > 0 })
            {
                WriteAnnotations(writer, annotations);
            }

            writer.WriteEndObject();
        });

    internal static void WriteDescriptor(Utf8JsonWriter writer, Descriptor descriptor, bool dockerOrder = false)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        if (dockerOrder)
        {
            writer.WriteNumber("size", descriptor.Size);
            writer.WriteString("digest", descriptor.Digest.Value);
        }
        else
        {
            writer.WriteString("digest", descriptor.Digest.Value);
            writer.WriteNumber("size", descriptor.Size);
        }

        if (descriptor.Annotations.Count > 0)
        {
            WriteAnnotations(writer, descriptor.Annotations);
        }

        writer.WriteEndObject();
    }

    internal static byte[] WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static void WriteAnnotations(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> annotations)
    {
        writer.WriteStartObject("annotations");
        foreach (var (key, value) in annotations)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, string> Title(string title) => new(StringComparer.Ordinal) { [AnnotationKeys.Title] = title };

    private static void Merge(Dictionary<string, string> target, IReadOnlyDictionary<string, string> extra)
    {
        foreach (var (key, value) in extra)
        {
            target[key] = value;
        }
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
