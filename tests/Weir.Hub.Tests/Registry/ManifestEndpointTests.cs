using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class ManifestEndpointTests
{
    [Fact]
    public async Task Put_ByTag_Returns201WithDigestAndLocation()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var config = await PushConfigAsync(client);

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "v1", OciContent.Manifest(config, []));

        var digest = TestHub.DigestOf(OciContent.Manifest(config, []));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Header("Docker-Content-Digest").Should().Be(digest);
        response.Headers.Location!.ToString().Should().Be($"/v2/alice/filter/manifests/{digest}");
    }

    [Fact]
    public async Task Get_ByTagAndByDigest_ReturnsTheExactBytesWithTypeAndDigest()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (manifest, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var byTag = await client.GetAsync("/v2/alice/filter/manifests/v1");
        using var byDigest = await client.GetAsync($"/v2/alice/filter/manifests/{digest}");

        foreach (var response in new[] { byTag, byDigest })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsByteArrayAsync()).Should().Equal(manifest);
            response.Content.Headers.ContentType!.MediaType.Should().Be(OciContent.ManifestType);
            response.Header("Docker-Content-Digest").Should().Be(digest);
        }
    }

    [Fact]
    public async Task Head_ByTag_ReturnsLengthAndDigestWithoutBody()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (manifest, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/alice/filter/manifests/v1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(manifest.Length);
        response.Header("Docker-Content-Digest").Should().Be(digest);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Get_WithUnrelatedAcceptHeader_StillReturnsTheStoredManifest()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (manifest, _) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/alice/filter/manifests/v1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(manifest);
    }

    [Fact]
    public async Task Put_WithoutMediaTypeMember_IsServedWithThePushedContentType()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var config = await PushConfigAsync(client);
        var manifest = OciContent.Manifest(config, [], includeMediaType: false);

        using var put = await TestHub.PutManifestAsync(client, "alice/filter", "solo", manifest);
        using var get = await client.GetAsync("/v2/alice/filter/manifests/solo");

        put.StatusCode.Should().Be(HttpStatusCode.Created);
        get.Content.Headers.ContentType!.MediaType.Should().Be(OciContent.ManifestType);
    }

    [Fact]
    public async Task Put_ByDigest_ThatDoesNotMatchTheBody_ReturnsDigestInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var config = await PushConfigAsync(client);

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", TestHub.DigestOf("other"u8.ToArray()), OciContent.Manifest(config, []));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Put_ByDigest_ThatMatches_IsStoredWithoutTag()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var manifest = OciContent.Manifest(await PushConfigAsync(client), []);

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", TestHub.DigestOf(manifest), manifest);
        using var tags = await client.GetAsync("/v2/alice/filter/tags/list");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await tags.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[]}");
    }

    [Fact]
    public async Task Put_NamingAMissingBlob_ReturnsManifestBlobUnknownAndLeavesNothingBehind()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var layer = OciContent.WasmModule("never pushed");

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "v1", OciContent.Manifest("{}"u8.ToArray(), [layer]));

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        error.GetProperty("detail").GetProperty("missing").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo([TestHub.DigestOf("{}"u8.ToArray()), TestHub.DigestOf(layer)]);
        (await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().BeNull();
        hub.BlobFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Put_NamingAMissingBlobInAnExistingRepository_KeepsTheOldTag()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (_, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "v1", OciContent.Manifest("{}"u8.ToArray(), [OciContent.WasmModule("missing")]));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/alice/filter/manifests/v1"));
        head.Header("Docker-Content-Digest").Should().Be(digest);
    }

    [Fact]
    public async Task Put_LargerThanTheLimit_Returns413ManifestInvalidAndLeavesNothingBehind()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var config = await PushConfigAsync(client);
        var padding = new string('x', (4 * 1024 * 1024) + 1);
        var manifest = OciContent.Manifest(config, [], annotations: new Dictionary<string, string> { ["padding"] = padding });

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "big", manifest);

        await response.ShouldBeErrorAsync(HttpStatusCode.RequestEntityTooLarge, "MANIFEST_INVALID");
        using var get = await client.GetAsync("/v2/alice/filter/manifests/big");
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var repository = await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None);
        (await hub.Metadata.ListTagsAsync(repository!.Id, null, 10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Put_JustUnderTheLimit_IsAccepted()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var config = await PushConfigAsync(client);
        var empty = OciContent.Manifest(config, [], annotations: new Dictionary<string, string> { ["padding"] = string.Empty }).Length;
        var manifest = OciContent.Manifest(config, [], annotations: new Dictionary<string, string> { ["padding"] = new string('x', (4 * 1024 * 1024) - empty) });

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "big", manifest);

        manifest.Length.Should().Be(4 * 1024 * 1024);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"schemaVersion\":1}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"a/b\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":-1},\"layers\":[]}")]
    public async Task Put_MalformedManifest_ReturnsManifestInvalid(string body)
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "v1", Encoding.UTF8.GetBytes(body));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        (await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Put_WithContentTypeContradictingTheBody_ReturnsManifestInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var manifest = OciContent.Manifest(await PushConfigAsync(client), []);

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "v1", manifest, OciContent.IndexType);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_WithInvalidTag_ReturnsTagInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var manifest = OciContent.Manifest(await PushConfigAsync(client), []);

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "-bad", manifest);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "TAG_INVALID");
    }

    [Fact]
    public async Task Put_WithSubject_AnswersWithOciSubjectEvenIfTheSubjectIsMissing()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var subject = TestHub.DigestOf("a manifest not pushed yet"u8.ToArray());
        var manifest = OciContent.Manifest(await PushConfigAsync(client), [], subject: subject);

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", TestHub.DigestOf(manifest), manifest);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Header("OCI-Subject").Should().Be(subject);
    }

    [Fact]
    public async Task Put_IndexNamingAMissingManifest_ReturnsManifestBlobUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await TestHub.PutManifestAsync(client, "alice/filter", "all", OciContent.Index([(TestHub.DigestOf("nope"u8.ToArray()), 4)]), OciContent.IndexType);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Put_IndexOfPushedManifests_IsServedAsAnIndex()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (manifest, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        var index = OciContent.Index([(digest, manifest.Length)]);

        using var put = await TestHub.PutManifestAsync(client, "alice/filter", "all", index, OciContent.IndexType);
        using var get = await client.GetAsync("/v2/alice/filter/manifests/all");

        put.StatusCode.Should().Be(HttpStatusCode.Created);
        get.Content.Headers.ContentType!.MediaType.Should().Be(OciContent.IndexType);
        (await get.Content.ReadAsByteArrayAsync()).Should().Equal(index);
    }

    [Fact]
    public async Task Get_UnknownTag_ReturnsManifestUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await client.GetAsync("/v2/alice/filter/manifests/v2");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Get_FromUnknownRepository_ReturnsNameUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.GetAsync("/v2/alice/none/manifests/v1");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Delete_Tag_RemovesTheTagButKeepsTheManifest()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (_, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var deleted = await client.DeleteAsync("/v2/alice/filter/manifests/v1");
        using var byTag = await client.GetAsync("/v2/alice/filter/manifests/v1");
        using var byDigest = await client.GetAsync($"/v2/alice/filter/manifests/{digest}");

        deleted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        byTag.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byDigest.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_Digest_RemovesTheManifestAndEveryTagOnIt()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var (manifest, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        using var retag = await TestHub.PutManifestAsync(client, "alice/filter", "latest", manifest);

        using var deleted = await client.DeleteAsync($"/v2/alice/filter/manifests/{digest}");
        using var byDigest = await client.GetAsync($"/v2/alice/filter/manifests/{digest}");
        using var tags = await client.GetAsync("/v2/alice/filter/tags/list");

        deleted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await byDigest.ShouldBeErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        (await tags.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[]}");
    }

    [Fact]
    public async Task Delete_UnknownManifest_ReturnsManifestUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var response = await client.DeleteAsync($"/v2/alice/filter/manifests/{TestHub.DigestOf("x"u8.ToArray())}");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    private static async Task<byte[]> PushConfigAsync(HttpClient client)
    {
        var config = "{\"architecture\":\"wasm\",\"os\":\"wasip1\"}"u8.ToArray();
        await TestHub.PushBlobAsync(client, "alice/filter", config);
        return config;
    }
}
