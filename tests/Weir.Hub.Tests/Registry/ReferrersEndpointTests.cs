using System.Net;
using System.Text.Json;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class ReferrersEndpointTests
{
    private const string SignatureType = "application/vnd.example.signature.v1";
    private const string SbomType = "application/vnd.example.sbom.v1";

    [Fact]
    public async Task Get_ForASubjectWithoutReferrers_ReturnsAnEmptyIndexNot404()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await client.GetAsync($"/v2/alice/filter/referrers/{TestHub.DigestOf("unknown"u8.ToArray())}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(OciContent.IndexType);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
    }

    [Fact]
    public async Task Get_ListsEachReferrerWithArtifactTypeAndAnnotations()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (_, subject) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        var (signature, signatureDigest) = await PushReferrerAsync(client, subject, SignatureType, "sig");
        var (sbom, sbomDigest) = await PushReferrerAsync(client, subject, SbomType, "sbom");

        using var response = await client.GetAsync($"/v2/alice/filter/referrers/{subject}");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var manifests = document.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        manifests.Select(m => m.GetProperty("digest").GetString()).Should().BeEquivalentTo([signatureDigest, sbomDigest]);
        var first = manifests.Single(m => m.GetProperty("digest").GetString() == signatureDigest);
        first.GetProperty("artifactType").GetString().Should().Be(SignatureType);
        first.GetProperty("size").GetInt64().Should().Be(signature.Length);
        first.GetProperty("mediaType").GetString().Should().Be(OciContent.ManifestType);
        first.GetProperty("annotations").GetProperty("kind").GetString().Should().Be("sig");
        sbom.Should().NotBeEmpty();
        response.Headers.Contains("OCI-Filters-Applied").Should().BeFalse();
    }

    [Fact]
    public async Task Get_WithArtifactTypeFilter_ListsOnlyThatTypeAndSaysSo()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (_, subject) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        var (_, signatureDigest) = await PushReferrerAsync(client, subject, SignatureType, "sig");
        await PushReferrerAsync(client, subject, SbomType, "sbom");

        using var response = await client.GetAsync($"/v2/alice/filter/referrers/{subject}?artifactType={Uri.EscapeDataString(SignatureType)}");

        response.Headers.GetValues("OCI-Filters-Applied").Single().Should().Be("artifactType");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()).Should().Equal(signatureDigest);
    }

    [Fact]
    public async Task Get_ReferrerWithoutArtifactType_ReportsItsConfigMediaType()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (_, subject) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        var (_, referrer) = await TestHub.PushModuleAsync(client, "alice/filter", "attached", OciContent.WasmModule("attached"), subject);

        using var response = await client.GetAsync($"/v2/alice/filter/referrers/{subject}");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var only = document.RootElement.GetProperty("manifests").EnumerateArray().Single();
        only.GetProperty("digest").GetString().Should().Be(referrer);
        only.GetProperty("artifactType").GetString().Should().Be(OciContent.WasmConfigType);
    }

    [Fact]
    public async Task Get_WithMalformedDigest_ReturnsDigestInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await client.GetAsync("/v2/alice/filter/referrers/v1");

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    private static async Task<(byte[] Manifest, string Digest)> PushReferrerAsync(HttpClient client, string subject, string artifactType, string kind)
    {
        var empty = "{}"u8.ToArray();
        await TestHub.PushBlobAsync(client, "alice/filter", empty);
        var manifest = OciContent.Manifest(empty, [], configType: "application/vnd.oci.empty.v1+json", subject: subject, artifactType: artifactType, annotations: new Dictionary<string, string> { ["kind"] = kind });
        var digest = TestHub.DigestOf(manifest);
        using var response = await TestHub.PutManifestAsync(client, "alice/filter", digest, manifest);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (manifest, digest);
    }
}
