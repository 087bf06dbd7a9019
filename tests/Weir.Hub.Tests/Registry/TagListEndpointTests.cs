using System.Net;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class TagListEndpointTests
{
    [Fact]
    public async Task Get_ListsEveryTagInByteOrder()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await PushTagsAsync(client, "v2", "b", "V1", "a", "v10");

        using var response = await client.GetAsync("/v2/alice/filter/tags/list");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[\"V1\",\"a\",\"b\",\"v10\",\"v2\"]}");
    }

    [Fact]
    public async Task Get_WithN_ReturnsAPageAndALinkToTheNext()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await PushTagsAsync(client, "a", "b", "c", "d", "e");

        using var first = await client.GetAsync("/v2/alice/filter/tags/list?n=2");
        var link = first.Headers.GetValues("Link").Single();
        using var second = await client.GetAsync(link[1..link.IndexOf('>', StringComparison.Ordinal)]);
        using var last = await client.GetAsync("/v2/alice/filter/tags/list?n=2&last=d");

        (await first.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[\"a\",\"b\"]}");
        link.Should().Be("</v2/alice/filter/tags/list?last=b&n=2>; rel=\"next\"");
        (await second.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[\"c\",\"d\"]}");
        (await last.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[\"e\"]}");
        last.Headers.Contains("Link").Should().BeFalse();
    }

    [Fact]
    public async Task Get_WithLastOnly_StartsAfterThatTag()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await PushTagsAsync(client, "a", "b", "c");

        using var response = await client.GetAsync("/v2/alice/filter/tags/list?last=a");

        (await response.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[\"b\",\"c\"]}");
    }

    [Fact]
    public async Task Get_WithNZero_ReturnsAnEmptyListWithoutLink()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await PushTagsAsync(client, "a");

        using var response = await client.GetAsync("/v2/alice/filter/tags/list?n=0");

        (await response.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[]}");
        response.Headers.Contains("Link").Should().BeFalse();
    }

    [Fact]
    public async Task Get_WithNonNumericN_ReturnsPaginationNumberInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        await PushTagsAsync(client, "a");

        using var response = await client.GetAsync("/v2/alice/filter/tags/list?n=-1");

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
    }

    [Fact]
    public async Task Get_UnknownRepository_ReturnsNameUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.GetAsync("/v2/alice/none/tags/list");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    private static async Task PushTagsAsync(HttpClient client, params string[] tags)
    {
        var (manifest, _) = await TestHub.PushModuleAsync(client, "alice/filter", tags[0]);
        foreach (var tag in tags.Skip(1))
        {
            using var response = await TestHub.PutManifestAsync(client, "alice/filter", tag, manifest);
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }
    }
}
