using System.Text;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Hub.Metadata.Search;
using Weir.Hub.Tests.Metadata;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Web.Metadata;

/// <summary>
/// What the web pages need from a metadata store (listings, search, stars, downloads, READMEs), run once
/// per implementation by the derived classes, each with a fresh, migrated database.
/// </summary>
public abstract class WebMetadataContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private IMetadataStore? store;

    private protected IMetadataStore Store => store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        store = await CreateStoreAsync();
        await store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        await CleanUpAsync();
    }

    [MetadataFact]
    public async Task Listings_PrivateRepositories_AppearAndCountOnlyForOwnersAndTheirOrganisations()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var (bob, _) = await Store.EnsureUserAsync("bob", Now, CancellationToken.None);
        var (carol, _) = await Store.EnsureUserAsync("carol", Now, CancellationToken.None);
        var team = await Store.CreateOrganizationAsync("team", carol.Id, Now, CancellationToken.None);
        await AddModuleAsync(new NewRepository("alice/public-filter", alice.Id, null, true), "v1", Now);
        await AddModuleAsync(new NewRepository("alice/secret-filter", alice.Id, null, false), "v1", Now.AddMinutes(1));
        await AddModuleAsync(new NewRepository("team/internal-filter", null, team.Id, false), "v1", Now.AddMinutes(2));

        async Task<(IReadOnlyList<string> Names, long? Total)> SearchAs(long? viewer, string query)
        {
            var listing = await Store.QueryRepositoriesAsync(
                new RepositoryQuery(viewer, RepositoryOrder.Recent, 50, Terms: SearchTerms.ForQuery(query), IncludeTotal: true), CancellationToken.None);
            return (listing.Repositories.Select(r => r.Name).ToList(), listing.Total);
        }

        var anonymous = await SearchAs(null, "filter");
        anonymous.Names.Should().Equal(["alice/public-filter"], because: "anonymous visitors see public repositories only");
        anonymous.Total.Should().Be(1);
        var asBob = await SearchAs(bob.Id, "filter");
        asBob.Names.Should().Equal("alice/public-filter");
        asBob.Total.Should().Be(1);
        var asAlice = await SearchAs(alice.Id, "filter");
        asAlice.Names.Should().Equal("alice/secret-filter", "alice/public-filter");
        asAlice.Total.Should().Be(2);
        var asCarol = await SearchAs(carol.Id, "filter");
        asCarol.Names.Should().Equal("team/internal-filter", "alice/public-filter");

        var alicesForBob = await Store.QueryRepositoriesAsync(new RepositoryQuery(bob.Id, RepositoryOrder.Name, 50, OwnerUserId: alice.Id, IncludeTotal: true), CancellationToken.None);
        alicesForBob.Repositories.Select(r => r.Name).Should().Equal("alice/public-filter");
        alicesForBob.Total.Should().Be(1);
        var teamsForAnonymous = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Name, 50, OwnerOrganizationId: team.Id, IncludeTotal: true), CancellationToken.None);
        teamsForAnonymous.Repositories.Should().BeEmpty();
        teamsForAnonymous.Total.Should().Be(0);
    }

    [MetadataFact]
    public async Task Search_MatchesWordPrefixesOfNameDescriptionLabelsAndAbiVersions()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var header = await AddModuleAsync(new NewRepository("alice/add-header", alice.Id, null, true), "v1", Now);
        var limiter = await AddModuleAsync(new NewRepository("alice/limiter", alice.Id, null, true), "v1", Now);
        await Store.UpdateRepositoryProfileAsync(header, new RepositoryProfile("Adds a response header.", ["v0.2.1"]), Now, CancellationToken.None);
        await Store.UpdateRepositoryProfileAsync(limiter, new RepositoryProfile("Token bucket rate limiting", ["v0.1.0"]), Now, CancellationToken.None);
        await Store.UpdateRepositorySettingsAsync(limiter, "Protects upstreams", ["traffic", "rate-limit"], Now, CancellationToken.None);

        async Task<IReadOnlyList<string>> Find(string query) =>
            (await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Name, 50, Terms: SearchTerms.ForQuery(query)), CancellationToken.None))
                .Repositories.Select(r => r.Name).ToList();

        (await Find("header")).Should().Equal("alice/add-header");
        (await Find("add-head")).Should().Equal("alice/add-header");
        (await Find("ALICE")).Should().Equal("alice/add-header", "alice/limiter");
        (await Find("respon")).Should().Equal("alice/add-header");
        (await Find("bucket")).Should().Equal("alice/limiter");
        (await Find("upstream")).Should().Equal(["alice/limiter"], because: "the owner's description is searched as well as the module's");
        (await Find("rate-limit")).Should().Equal("alice/limiter");
        (await Find("traffic")).Should().Equal("alice/limiter");
        (await Find("v0.2")).Should().Equal("alice/add-header");
        (await Find("0.1.0")).Should().Equal("alice/limiter");
        (await Find("alice header")).Should().Equal(["alice/add-header"], because: "every word must match");
        (await Find("header bucket")).Should().BeEmpty();
        (await Find("nothing-like-this")).Should().BeEmpty();
    }

    [MetadataFact]
    public async Task RepositorySettings_ReplaceOldSearchWords()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var id = await AddModuleAsync(new NewRepository("alice/filter", alice.Id, null, true), "v1", Now);
        await Store.UpdateRepositorySettingsAsync(id, "Old words", ["legacy"], Now, CancellationToken.None);
        await Store.UpdateRepositorySettingsAsync(id, "New words", ["modern"], Now, CancellationToken.None);

        var legacy = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Name, 10, Terms: ["legacy"]), CancellationToken.None);
        var modern = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Name, 10, Terms: ["modern"]), CancellationToken.None);
        var summary = await Store.FindRepositorySummaryAsync("alice/filter", CancellationToken.None);

        legacy.Repositories.Should().BeEmpty();
        modern.Repositories.Should().ContainSingle();
        summary!.Description.Should().Be("New words");
        summary.Labels.Should().Equal("modern");
    }

    [MetadataFact]
    public async Task Stars_AreIdempotentCountedAndListedPerUser()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var (bob, _) = await Store.EnsureUserAsync("bob", Now, CancellationToken.None);
        var id = await AddModuleAsync(new NewRepository("alice/filter", alice.Id, null, true), "v1", Now);

        (await Store.SetStarAsync(bob.Id, id, true, Now, CancellationToken.None)).Should().Be(1);
        (await Store.SetStarAsync(bob.Id, id, true, Now, CancellationToken.None)).Should().Be(1, because: "starring twice is one star");
        (await Store.SetStarAsync(alice.Id, id, true, Now, CancellationToken.None)).Should().Be(2);
        (await Store.HasStarredAsync(bob.Id, id, CancellationToken.None)).Should().BeTrue();
        var starredByBob = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Recent, 10, StarredByUserId: bob.Id), CancellationToken.None);
        starredByBob.Repositories.Select(r => r.Name).Should().Equal("alice/filter");

        (await Store.SetStarAsync(bob.Id, id, false, Now, CancellationToken.None)).Should().Be(1);
        (await Store.SetStarAsync(bob.Id, id, false, Now, CancellationToken.None)).Should().Be(1);
        (await Store.HasStarredAsync(bob.Id, id, CancellationToken.None)).Should().BeFalse();
        (await Store.FindRepositorySummaryAsync("alice/filter", CancellationToken.None))!.Stars.Should().Be(1);
    }

    [MetadataFact]
    public async Task Downloads_AddUpPerTagAndRepository_AndOrderPopularListings()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var quiet = await AddModuleAsync(new NewRepository("alice/quiet", alice.Id, null, true), "v1", Now.AddMinutes(5));
        var busy = await AddModuleAsync(new NewRepository("alice/busy", alice.Id, null, true), "v1", Now);
        var busyManifest = await Store.FindManifestByTagAsync(busy, "v1", false, CancellationToken.None);
        var quietManifest = await Store.FindManifestByTagAsync(quiet, "v1", false, CancellationToken.None);

        await Store.AddDownloadsAsync([new DownloadCount(busy, busyManifest!.Id, 7), new DownloadCount(quiet, quietManifest!.Id, 2)], CancellationToken.None);
        await Store.AddDownloadsAsync([new DownloadCount(busy, busyManifest.Id, 3), new DownloadCount(busy, 999_999, 50)], CancellationToken.None);

        var popular = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Popular, 10), CancellationToken.None);
        var recent = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Recent, 10), CancellationToken.None);
        var tags = await Store.ListTagSummariesAsync(busy, 10, CancellationToken.None);

        popular.Repositories.Select(r => (r.Name, r.Downloads)).Should().Equal(("alice/busy", 10L), ("alice/quiet", 2L));
        recent.Repositories.Select(r => r.Name).Should().Equal(["alice/quiet", "alice/busy"], because: "downloads do not count as updates");
        tags.Should().ContainSingle().Which.Downloads.Should().Be(10, because: "downloads of a manifest that no longer exists are dropped");
    }

    [MetadataFact]
    public async Task TagSummaries_HaveDigestSizeOfManifestAndBlobsAndPushTime_NewestFirst()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var id = await AddModuleAsync(new NewRepository("alice/filter", alice.Id, null, true), "v1", Now, layerSize: 1000);
        await AddModuleAsync(new NewRepository("alice/filter", alice.Id, null, true), "v2", Now.AddHours(1), layerSize: 3000);

        var tags = await Store.ListTagSummariesAsync(id, 10, CancellationToken.None);
        var summary = await Store.FindRepositorySummaryAsync("alice/filter", CancellationToken.None);

        tags.Select(t => t.Name).Should().Equal("v2", "v1");
        tags[0].PushedAt.Should().Be(Now.AddHours(1));
        tags[0].Digest.Should().StartWith("sha256:");
        tags[0].TotalSize.Should().Be(tags[0].ManifestSize + 3000 + ConfigSize);
        tags[1].TotalSize.Should().Be(tags[1].ManifestSize + 1000 + ConfigSize);
        summary!.TagCount.Should().Be(2);
        summary.LatestTag.Should().Be("v2");
    }

    [MetadataFact]
    public async Task Readme_IsStoredReplacedAndRemoved()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var id = await AddModuleAsync(new NewRepository("alice/filter", alice.Id, null, true), "v1", Now);

        (await Store.FindRepositoryReadmeAsync(id, CancellationToken.None)).Should().BeNull();
        await Store.SetRepositoryReadmeAsync(id, "# One", Now, CancellationToken.None);
        await Store.SetRepositoryReadmeAsync(id, "# Two ✓", Now, CancellationToken.None);
        (await Store.FindRepositoryReadmeAsync(id, CancellationToken.None)).Should().Be("# Two ✓");
        await Store.SetRepositoryReadmeAsync(id, null, Now, CancellationToken.None);
        (await Store.FindRepositoryReadmeAsync(id, CancellationToken.None)).Should().BeNull();
    }

    [MetadataFact]
    public async Task UnindexedRepositories_AreListedUntilTheirProfileIsStored()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var id = await AddModuleAsync(new NewRepository("alice/filter", alice.Id, null, true), "v1", Now, index: false);

        (await Store.ListUnindexedRepositoriesAsync(10, CancellationToken.None)).Should().Equal("alice/filter");
        var unsearchable = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Name, 10, Terms: ["filter"]), CancellationToken.None);
        await Store.UpdateRepositoryProfileAsync(id, new RepositoryProfile(string.Empty, []), Now, CancellationToken.None);
        var searchable = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Name, 10, Terms: ["filter"]), CancellationToken.None);

        unsearchable.Repositories.Should().BeEmpty();
        searchable.Repositories.Should().ContainSingle();
        (await Store.ListUnindexedRepositoriesAsync(10, CancellationToken.None)).Should().BeEmpty();
    }

    [MetadataFact]
    public async Task Listings_PageWithOffsetAndLimit_InStableOrder()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        for (var index = 0; index < 5; index++)
        {
            await AddModuleAsync(new NewRepository($"alice/filter-{index}", alice.Id, null, true), "v1", Now.AddMinutes(index));
        }

        var first = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Recent, 2, 0, IncludeTotal: true), CancellationToken.None);
        var second = await Store.QueryRepositoriesAsync(new RepositoryQuery(null, RepositoryOrder.Recent, 2, 2), CancellationToken.None);

        first.Repositories.Select(r => r.Name).Should().Equal("alice/filter-4", "alice/filter-3");
        second.Repositories.Select(r => r.Name).Should().Equal("alice/filter-2", "alice/filter-1");
        first.Total.Should().Be(5);
        second.Total.Should().BeNull(because: "counting was not asked for");
    }

    [MetadataFact]
    public async Task Accounts_TokenByIdMembersAndOrganisations()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var (bob, _) = await Store.EnsureUserAsync("bob", Now, CancellationToken.None);
        var team = await Store.CreateOrganizationAsync("team", alice.Id, Now, CancellationToken.None);
        await Store.AddOrganizationMemberAsync(team.Id, bob.Id, "member", CancellationToken.None);
        var token = await Store.CreateAccessTokenAsync(alice.Id, "laptop", "hash", AccessScopes.Pull, Now, null, CancellationToken.None);

        (await Store.FindAccessTokenByIdAsync(token.Id, CancellationToken.None)).Should().Be(token);
        (await Store.FindAccessTokenByIdAsync(token.Id + 1000, CancellationToken.None)).Should().BeNull();
        (await Store.ListOrganizationMembersAsync(team.Id, CancellationToken.None)).Should().Equal(
            new OrganizationMember(alice.Id, "alice", "owner"), new OrganizationMember(bob.Id, "bob", "member"));
        (await Store.ListUserOrganizationsAsync(bob.Id, CancellationToken.None)).Should().Equal(team);
    }

    private protected abstract Task<IMetadataStore> CreateStoreAsync();

    protected abstract Task CleanUpAsync();

    private const int ConfigSize = 2;

    /// <summary>Links a config and a layer and stores a manifest under <paramref name="tag"/>; returns the repository id.</summary>
    private async Task<long> AddModuleAsync(NewRepository repository, string tag, DateTimeOffset now, int layerSize = 100, bool index = true)
    {
        var layer = Encoding.UTF8.GetBytes(new string('x', layerSize - tag.Length) + tag);
        var config = Encoding.UTF8.GetBytes("{}");
        var record = await Store.LinkBlobAsync(repository, TestHub.DigestOf(config), config.Length, now, CancellationToken.None);
        await Store.LinkBlobAsync(repository, TestHub.DigestOf(layer), layer.Length, now, CancellationToken.None);
        var manifest = OciContent.Manifest(config, [layer]);
        var write = new ManifestWrite(
            TestHub.DigestOf(manifest),
            OciContent.ManifestType,
            null,
            null,
            manifest,
            null,
            [new ManifestReference(TestHub.DigestOf(config), ManifestReferenceKind.Blob), new ManifestReference(TestHub.DigestOf(layer), ManifestReferenceKind.Blob)]);
        var result = await Store.PutManifestAsync(repository, write, tag, now, CancellationToken.None);
        result.Stored.Should().BeTrue();
        if (index)
        {
            await Store.UpdateRepositoryProfileAsync(record.Id, new RepositoryProfile(string.Empty, []), now, CancellationToken.None);
        }

        return record.Id;
    }
}
