using System.Text;
using System.Text.Json;

namespace Weir.Hub.Tests.Support;

/// <summary>Writes and reads OCI image layout directories (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>), as skopeo's <c>oci:</c> transport uses them.</summary>
internal static class OciLayout
{
    /// <summary>Writes a layout holding one module in the CNCF shape (ref "cncf") and the solo shape (ref "solo"); returns the manifest digests.</summary>
    public static (string Cncf, string Solo) WriteModule(string directory, byte[] module)
    {
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var moduleDigest = Blob(directory, module);
        var cncfConfig = Encoding.UTF8.GetBytes($"{{\"created\":\"2025-01-01T00:00:00Z\",\"architecture\":\"wasm\",\"os\":\"wasip1\",\"layerDigests\":[\"{moduleDigest}\"]}}");
        Blob(directory, cncfConfig);
        var cncf = OciContent.Manifest(cncfConfig, [module], annotations: new Dictionary<string, string> { ["org.opencontainers.image.title"] = "filter" });
        var runtimeConfig = "{\"type\":\"envoy_proxy\",\"abiVersions\":[\"v0.2.1\"],\"config\":{\"rootIds\":[\"add_header\"]}}"u8.ToArray();
        Blob(directory, runtimeConfig);
        var soloConfig = new Dictionary<string, object>
        {
            ["mediaType"] = "application/vnd.module.wasm.config.v1+json",
            ["digest"] = TestHub.DigestOf(runtimeConfig),
            ["size"] = runtimeConfig.Length,
            ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "runtime-config.json" },
        };
        var solo = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciContent.ManifestType,
            ["config"] = soloConfig,
            ["layers"] = new object[]
            {
                soloConfig,
                new Dictionary<string, object>
                {
                    ["mediaType"] = "application/vnd.module.wasm.content.layer.v1+wasm",
                    ["digest"] = moduleDigest,
                    ["size"] = module.Length,
                    ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "filter.wasm" },
                },
            },
            ["annotations"] = new Dictionary<string, string> { ["module.wasm.runtime/abi_version"] = "v0.2.1", ["module.wasm.runtime/type"] = "envoy_proxy" },
        });
        var cncfDigest = Blob(directory, cncf);
        var soloDigest = Blob(directory, solo);
        var index = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new[]
            {
                IndexEntry(cncfDigest, cncf.Length, "cncf"),
                IndexEntry(soloDigest, solo.Length, "solo"),
            },
        });
        File.WriteAllBytes(Path.Combine(directory, "index.json"), index);
        return (cncfDigest, soloDigest);
    }

    /// <summary>The manifest digest a reference name points at in a layout's index.json.</summary>
    public static string ManifestDigest(string directory, string reference)
    {
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "index.json")));
        return index.RootElement.GetProperty("manifests").EnumerateArray()
            .Single(m => m.TryGetProperty("annotations", out var a) && a.TryGetProperty("org.opencontainers.image.ref.name", out var name) && name.GetString() == reference)
            .GetProperty("digest").GetString()!;
    }

    public static byte[] ReadBlob(string directory, string digest) =>
        File.ReadAllBytes(Path.Combine(directory, "blobs", "sha256", digest["sha256:".Length..]));

    /// <summary>Every blob of the layout by digest.</summary>
    public static IReadOnlyDictionary<string, byte[]> Blobs(string directory) =>
        Directory.GetFiles(Path.Combine(directory, "blobs", "sha256")).ToDictionary(path => "sha256:" + Path.GetFileName(path), File.ReadAllBytes);

    private static string Blob(string directory, byte[] content)
    {
        var digest = TestHub.DigestOf(content);
        File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest["sha256:".Length..]), content);
        return digest;
    }

    private static Dictionary<string, object> IndexEntry(string digest, long size, string reference) => new()
    {
        ["mediaType"] = OciContent.ManifestType,
        ["digest"] = digest,
        ["size"] = size,
        ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = reference },
    };
}
