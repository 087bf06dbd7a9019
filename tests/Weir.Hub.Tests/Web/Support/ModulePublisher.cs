using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Web.Support;

/// <summary>Pushes modules the way <c>weir push</c> does by default (solo format: runtime config, raw module layer, annotations).</summary>
internal static class ModulePublisher
{
    public const string SoloConfigType = "application/vnd.module.wasm.config.v1+json";
    public const string SoloLayerType = "application/vnd.module.wasm.content.layer.v1+wasm";
    public const string Description = "org.opencontainers.image.description";

    /// <summary>Pushes <paramref name="module"/> under <paramref name="tag"/>; returns the manifest digest.</summary>
    public static async Task<string> PushSoloAsync(
        HttpClient client,
        string repository,
        string tag,
        byte[] module,
        IReadOnlyList<string> rootIds,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var runtimeConfig = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = "envoy_proxy",
            ["abiVersions"] = new[] { "v0.2.1" },
            ["config"] = new Dictionary<string, object> { ["rootIds"] = rootIds },
        });
        await TestHub.PushBlobAsync(client, repository, runtimeConfig);
        await TestHub.PushBlobAsync(client, repository, module);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciContent.ManifestType,
            ["config"] = OciContent.Descriptor(SoloConfigType, runtimeConfig),
            ["layers"] = new[] { OciContent.Descriptor(SoloConfigType, runtimeConfig), OciContent.Descriptor(SoloLayerType, module) },
            ["annotations"] = annotations ?? new Dictionary<string, string>(),
        });
        using var response = await TestHub.PutManifestAsync(client, repository, tag, manifest);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return TestHub.DigestOf(manifest);
    }

    /// <summary>A plain JSON artifact (no Wasm at all), to check pages cope with any OCI content.</summary>
    public static async Task<string> PushNonModuleAsync(HttpClient client, string repository, string tag)
    {
        var config = Encoding.UTF8.GetBytes("{}");
        var layer = Encoding.UTF8.GetBytes("just some text, not wasm");
        await TestHub.PushBlobAsync(client, repository, config);
        await TestHub.PushBlobAsync(client, repository, layer);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciContent.ManifestType,
            ["config"] = OciContent.Descriptor("application/vnd.oci.empty.v1+json", config),
            ["layers"] = new[] { OciContent.Descriptor("text/plain", layer) },
        });
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(OciContent.ManifestType);
        using var response = await client.PutAsync($"/v2/{repository}/manifests/{tag}", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return TestHub.DigestOf(manifest);
    }
}
