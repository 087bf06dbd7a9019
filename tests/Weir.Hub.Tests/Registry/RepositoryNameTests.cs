using System.Net;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class RepositoryNameTests
{
    [Theory]
    [InlineData("alice/Filter")]
    [InlineData("alice/../etc")]
    [InlineData("alice/a..b")]
    [InlineData("alice//filter")]
    [InlineData("-alice/filter")]
    [InlineData("alice/filter-")]
    public async Task Upload_ToInvalidName_ReturnsNameInvalidAndStoresNothing(string name)
    {
        // Kestrel, not the in-memory server: the real server normalises paths, which must not launder "..".
        await using var hub = await TestHub.StartAsync(kestrel: true);
        using var client = await hub.CreateWriterAsync();
        var blob = "hello"u8.ToArray();

        // Sent verbatim: HttpClient would otherwise resolve "a/../b" before the hub sees it.
        var uri = new Uri(new Uri(hub.BaseAddress, "/").ToString() + $"v2/{name}/blobs/uploads/?digest={TestHub.DigestOf(blob)}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(blob) };
        using var response = await client.SendAsync(request);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "NAME_INVALID");
        hub.BlobFiles().Should().BeEmpty();
        hub.UploadSessions().Should().BeEmpty();
        (await hub.Metadata.ListRepositoriesAsync(null, null, 100, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task ManifestPut_ToUppercaseName_ReturnsNameInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await TestHub.PutManifestAsync(client, "Alice/filter", "v1", OciContent.Manifest("{}"u8.ToArray(), []));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "NAME_INVALID");
        (await hub.Metadata.FindRepositoryAsync("Alice/filter", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task TagList_ForOverlongName_ReturnsNameInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.GetAsync($"/v2/alice/{new string('a', 260)}/tags/list");

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Fact]
    public async Task Name_ContainingEndpointWords_IsRoutedByItsLastMarker()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        await TestHub.PushModuleAsync(client, "alice/blobs/manifests", "v1");
        using var response = await client.GetAsync("/v2/alice/blobs/manifests/tags/list");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/blobs/manifests\",\"tags\":[\"v1\"]}");
    }
}
