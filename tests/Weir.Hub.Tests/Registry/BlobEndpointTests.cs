using System.Net;
using System.Net.Http.Headers;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class BlobEndpointTests
{
    private static readonly byte[] Content = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task Get_PushedBlob_ReturnsExactBytesWithDigestHeader()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/filter", Content);

        using var response = await client.GetAsync($"/v2/alice/filter/blobs/{digest}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Content);
        response.Header("Docker-Content-Digest").Should().Be(digest);
        response.Content.Headers.ContentLength.Should().Be(Content.Length);
    }

    [Fact]
    public async Task Head_PushedBlob_ReturnsLengthAndDigestWithoutBody()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/filter", Content);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/alice/filter/blobs/{digest}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(Content.Length);
        response.Header("Docker-Content-Digest").Should().Be(digest);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Get_WithRange_Returns206AndOnlyThoseBytes()
    {
        await using var hub = await TestHub.StartAsync(kestrel: true);
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/filter", Content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/alice/filter/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(10, 19);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 10-19/{Content.Length}");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Content[10..20]);
    }

    [Fact]
    public async Task Get_WithSuffixRange_ReturnsTheLastBytes()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/filter", Content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/alice/filter/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(null, 4);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Content[^4..]);
    }

    [Fact]
    public async Task Get_WithRangeBeyondTheEnd_Returns416WithLength()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/filter", Content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/alice/filter/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(5000, 6000);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes */{Content.Length}");
    }

    [Fact]
    public async Task Get_UnknownDigest_ReturnsBlobUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushBlobAsync(client, "alice/filter", Content);

        using var response = await client.GetAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf("other"u8.ToArray())}");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Get_BlobPushedToAnotherRepository_ReturnsBlobUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/one", Content);
        await TestHub.PushBlobAsync(client, "alice/two", "x"u8.ToArray());

        using var response = await client.GetAsync($"/v2/alice/two/blobs/{digest}");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Get_MalformedDigest_ReturnsDigestInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushBlobAsync(client, "alice/filter", Content);

        using var response = await client.GetAsync("/v2/alice/filter/blobs/sha256:XYZ");

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Get_FromUnknownRepository_ReturnsNameUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.GetAsync($"/v2/alice/nothing/blobs/{TestHub.DigestOf(Content)}");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Delete_PushedBlob_Returns202AndTheBlobIsGoneFromTheRepository()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/filter", Content);

        using var deleted = await client.DeleteAsync($"/v2/alice/filter/blobs/{digest}");
        using var after = await client.GetAsync($"/v2/alice/filter/blobs/{digest}");

        deleted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await after.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Delete_UnknownBlob_ReturnsBlobUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await TestHub.PushBlobAsync(client, "alice/filter", Content);

        using var response = await client.DeleteAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf("nope"u8.ToArray())}");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }
}
