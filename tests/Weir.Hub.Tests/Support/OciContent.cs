using System.Text;
using System.Text.Json;

namespace Weir.Hub.Tests.Support;

/// <summary>Builds manifests, indexes and small Wasm modules for tests, as compact JSON bytes.</summary>
internal static class OciContent
{
    public const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    public const string IndexType = "application/vnd.oci.image.index.v1+json";
    public const string WasmConfigType = "application/vnd.wasm.config.v0+json";
    public const string WasmLayerType = "application/wasm";

    /// <summary>A valid empty Wasm module followed by a custom section naming it, so every module has its own digest.</summary>
    public static byte[] WasmModule(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var payload = new List<byte> { (byte)nameBytes.Length };
        payload.AddRange(nameBytes);
        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, (byte)payload.Count };
        module.AddRange(payload);
        return [.. module];
    }

    public static byte[] Manifest(
        byte[] config,
        IReadOnlyList<byte[]> layers,
        string configType = WasmConfigType,
        string? subject = null,
        string? artifactType = null,
        IReadOnlyDictionary<string, string>? annotations = null,
        bool includeMediaType = true)
    {
        var document = new Dictionary<string, object?> { ["schemaVersion"] = 2 };
        if (includeMediaType)
        {
            document["mediaType"] = ManifestType;
        }

        if (artifactType is not null)
        {
            document["artifactType"] = artifactType;
        }

        document["config"] = Descriptor(configType, config);
        document["layers"] = layers.Select(layer => Descriptor(WasmLayerType, layer)).ToList();
        if (subject is not null)
        {
            document["subject"] = new Dictionary<string, object> { ["mediaType"] = ManifestType, ["digest"] = subject, ["size"] = 1 };
        }

        if (annotations is not null)
        {
            document["annotations"] = annotations;
        }

        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    public static byte[] Index(IReadOnlyList<(string Digest, long Size)> manifests) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexType,
            ["manifests"] = manifests.Select(m => new Dictionary<string, object> { ["mediaType"] = ManifestType, ["digest"] = m.Digest, ["size"] = m.Size }).ToList(),
        });

    public static Dictionary<string, object> Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = TestHub.DigestOf(content),
        ["size"] = content.Length,
    };
}
