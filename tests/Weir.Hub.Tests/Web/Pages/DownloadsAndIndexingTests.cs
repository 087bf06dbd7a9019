using System.Net;
using System.Text;
using Weir.Hub.Metadata;
using Weir.Hub.Tests.Support;
using Weir.Hub.Tests.Web.Support;

namespace Weir.Hub.Tests.Web.Pages;

/// <summary>Download counts from manifest GETs, and the search index kept current after pushes and across restarts.</summary>
public sealed class DownloadsAndIndexingTests
{
    [Fact]
    public async Task Downloads_ManifestGetsByTagOrDigestCount_HeadsDoNot()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        var digest = await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var anonymous = web.Hub.CreateClient();

        (await anonymous.GetAsync("/v2/alice/add-header/manifests/v1")).EnsureSuccessStatusCode();
        (await anonymous.GetAsync($"/v2/alice/add-header/manifests/{digest}")).EnsureSuccessStatusCode();
        (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/alice/add-header/manifests/v1"))).EnsureSuccessStatusCode();
        (await anonymous.GetAsync("/v2/alice/add-header/manifests/v9")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await web.FlushDownloadsAsync();

        var summary = await web.Hub.Metadata.FindRepositorySummaryAsync("alice/add-header", CancellationToken.None);
        var tags = await web.Hub.Metadata.ListTagSummariesAsync(summary!.Id, 10, CancellationToken.None);
        var page = WebHub.Text((await web.Browser().GetAsync("/r/alice/add-header")).Html);

        summary.Downloads.Should().Be(2);
        tags.Single().Downloads.Should().Be(2);
        page.Should().MatchRegex(@"Downloads\s+2");
        WebHub.Text((await web.Browser().GetAsync("/")).Html).Should().Contain("2 downloads");
    }

    [Fact]
    public async Task Downloads_CountedWhileTheHubRuns_AreWrittenWhenItStops()
    {
        using var directory = new TemporaryDirectory();
        await using (var web = await WebHub.StartAsync(dataDirectory: directory))
        {
            using var alice = await web.RegistryClientAsync("alice");
            await web.PublishAsync(alice, "alice/add-header", makePublic: true);
            (await web.Hub.CreateClient().GetAsync("/v2/alice/add-header/manifests/v1")).EnsureSuccessStatusCode();
        }

        await using var restarted = await WebHub.StartAsync(dataDirectory: directory);
        (await restarted.Hub.Metadata.FindRepositorySummaryAsync("alice/add-header", CancellationToken.None))!.Downloads.Should().Be(1);
    }

    [Fact]
    public async Task Index_PushOfANewTag_UpdatesDescriptionAndSearchWords()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/filter", "v1", new Dictionary<string, string> { [ModulePublisher.Description] = "First cut" }, makePublic: true);
        await web.PublishAsync(alice, "alice/filter", "v2", new Dictionary<string, string> { [ModulePublisher.Description] = "Second thoughts" });

        var summary = await web.Hub.Metadata.FindRepositorySummaryAsync("alice/filter", CancellationToken.None);
        var second = WebHub.Text((await web.Browser().GetAsync("/search?q=second")).Html);
        var first = WebHub.Text((await web.Browser().GetAsync("/search?q=first")).Html);

        summary!.ModuleDescription.Should().Be("Second thoughts");
        summary.AbiVersions.Should().Equal("v0.2.1");
        second.Should().Contain("1 module matches");
        first.Should().Contain("0 modules match", "the index describes the newest tag");
    }

    [Fact]
    public async Task Index_DeletingTheNewestTag_DescribesTheRepositoryByTheTagBefore()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/filter", "v1", new Dictionary<string, string> { [ModulePublisher.Description] = "Stable release" }, makePublic: true);
        await web.PublishAsync(alice, "alice/filter", "v2", new Dictionary<string, string> { [ModulePublisher.Description] = "Experimental build" });

        (await alice.DeleteAsync("/v2/alice/filter/manifests/v2")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await web.IndexedAsync();

        (await web.Hub.Metadata.FindRepositorySummaryAsync("alice/filter", CancellationToken.None))!.ModuleDescription.Should().Be("Stable release");
        WebHub.Text((await web.Browser().GetAsync("/search?q=experimental")).Html).Should().Contain("0 modules match");
    }

    [Fact]
    public async Task Index_RepositoriesWrittenWithoutTheIndexer_AreIndexedWhenTheHubStarts()
    {
        using var directory = new TemporaryDirectory();
        await using (var web = await WebHub.StartAsync(dataDirectory: directory))
        {
            // Written straight into the store (after the start-up backfill is done), as rows from before the search index existed would be.
            await web.IndexedAsync();
            var (alice, _) = await web.Hub.Metadata.EnsureUserAsync("alice", DateTimeOffset.UtcNow, CancellationToken.None);
            var config = Encoding.UTF8.GetBytes("{}");
            var layer = Encoding.UTF8.GetBytes("layer");
            var repository = new NewRepository("alice/legacy-filter", alice.Id, null, true);
            await web.Hub.Metadata.LinkBlobAsync(repository, TestHub.DigestOf(config), config.Length, DateTimeOffset.UtcNow, CancellationToken.None);
            await web.Hub.Metadata.LinkBlobAsync(repository, TestHub.DigestOf(layer), layer.Length, DateTimeOffset.UtcNow, CancellationToken.None);
            var manifest = OciContent.Manifest(config, [layer]);
            await web.Hub.Metadata.PutManifestAsync(
                repository,
                new ManifestWrite(TestHub.DigestOf(manifest), OciContent.ManifestType, null, null, manifest, null, [new(TestHub.DigestOf(config), ManifestReferenceKind.Blob), new(TestHub.DigestOf(layer), ManifestReferenceKind.Blob)]),
                "v1",
                DateTimeOffset.UtcNow,
                CancellationToken.None);
            WebHub.Text((await web.Browser().GetAsync("/search?q=legacy")).Html).Should().Contain("0 modules match");
        }

        await using var restarted = await WebHub.StartAsync(dataDirectory: directory);
        await restarted.IndexedAsync();

        WebHub.Text((await restarted.Browser().GetAsync("/search?q=legacy")).Html).Should().Contain("1 module matches");
        (await restarted.Hub.Metadata.ListUnindexedRepositoriesAsync(10, CancellationToken.None)).Should().BeEmpty();
    }
}
