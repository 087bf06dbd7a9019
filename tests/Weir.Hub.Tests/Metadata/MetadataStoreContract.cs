using System.Text;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Metadata;

/// <summary>
/// The behaviour every metadata store must have, run once per implementation (SQLite, PostgreSQL) by
/// the derived classes, each with a fresh, migrated database.
/// </summary>
public abstract class MetadataStoreContract : IAsyncLifetime
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
    public async Task Migrate_RunTwice_KeepsDataAndTheNewestVersion()
    {
        await Store.EnsureUserAsync("alice", Now, CancellationToken.None);

        await Store.MigrateAsync(CancellationToken.None);

        (await Store.GetSchemaVersionAsync(CancellationToken.None)).Should().Be(2);
        (await Store.FindUserAsync("alice", CancellationToken.None)).Should().NotBeNull();
    }

    [MetadataFact]
    public async Task EnsureUser_CreatesOnceAndThenReturnsTheSameUser()
    {
        var (first, created) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var (second, createdAgain) = await Store.EnsureUserAsync("alice", Now.AddHours(1), CancellationToken.None);

        created.Should().BeTrue();
        createdAgain.Should().BeFalse();
        second.Should().Be(first);
        first.CreatedAt.Should().Be(Now);
        (await Store.FindUserByIdAsync(first.Id, CancellationToken.None)).Should().Be(first);
        (await Store.CountUsersAsync(CancellationToken.None)).Should().Be(1);
    }

    [MetadataFact]
    public async Task UserAndOrganisation_CannotShareAName()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        await Store.CreateOrganizationAsync("team", alice.Id, Now, CancellationToken.None);

        var userNamedLikeTheOrganisation = async () => await Store.EnsureUserAsync("team", Now, CancellationToken.None);
        var organisationNamedLikeTheUser = async () => await Store.CreateOrganizationAsync("alice", alice.Id, Now, CancellationToken.None);
        var duplicateOrganisation = async () => await Store.CreateOrganizationAsync("team", alice.Id, Now, CancellationToken.None);

        await userNamedLikeTheOrganisation.Should().ThrowAsync<MetadataConflictException>();
        await organisationNamedLikeTheUser.Should().ThrowAsync<MetadataConflictException>();
        await duplicateOrganisation.Should().ThrowAsync<MetadataConflictException>();
    }

    [MetadataFact]
    public async Task OrganisationMembership_CanBeAddedCheckedAndRemoved()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var (bob, _) = await Store.EnsureUserAsync("bob", Now, CancellationToken.None);
        var team = await Store.CreateOrganizationAsync("team", alice.Id, Now, CancellationToken.None);

        await Store.AddOrganizationMemberAsync(team.Id, bob.Id, "member", CancellationToken.None);
        await Store.AddOrganizationMemberAsync(team.Id, bob.Id, "member", CancellationToken.None);

        (await Store.FindOrganizationAsync("team", CancellationToken.None)).Should().Be(team);
        (await Store.IsOrganizationMemberAsync(team.Id, alice.Id, CancellationToken.None)).Should().BeTrue();
        (await Store.IsOrganizationMemberAsync(team.Id, bob.Id, CancellationToken.None)).Should().BeTrue();
        (await Store.RemoveOrganizationMemberAsync(team.Id, bob.Id, CancellationToken.None)).Should().BeTrue();
        (await Store.IsOrganizationMemberAsync(team.Id, bob.Id, CancellationToken.None)).Should().BeFalse();
    }

    [MetadataFact]
    public async Task AccessTokens_AreFoundByHashListedAndRevoked()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);

        var reader = await Store.CreateAccessTokenAsync(alice.Id, "ci", "hash-1", AccessScopes.Pull, Now, null, CancellationToken.None);
        var writer = await Store.CreateAccessTokenAsync(alice.Id, "laptop", "hash-2", AccessScopes.Pull | AccessScopes.Push | AccessScopes.Delete, Now, Now.AddDays(30), CancellationToken.None);

        var found = await Store.FindAccessTokenAsync("hash-2", CancellationToken.None);
        found.Should().Be(writer);
        found!.UserName.Should().Be("alice");
        found.Scopes.Should().Be(AccessScopes.Pull | AccessScopes.Push | AccessScopes.Delete);
        found.ExpiresAt.Should().Be(Now.AddDays(30));
        (await Store.ListAccessTokensAsync(alice.Id, CancellationToken.None)).Should().Equal(reader, writer);
        (await Store.RevokeAccessTokenAsync(reader.Id, CancellationToken.None)).Should().BeTrue();
        (await Store.FindAccessTokenAsync("hash-1", CancellationToken.None)).Should().BeNull();
    }

    [MetadataFact]
    public async Task LinkBlob_CreatesTheRepositoryOnceWithItsOwner()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);

        var created = await Store.LinkBlobAsync(new NewRepository("alice/filter", alice.Id, null, true), "sha256:aa", 10, Now, CancellationToken.None);
        var again = await Store.LinkBlobAsync(new NewRepository("alice/filter", alice.Id, null, false), "sha256:bb", 20, Now, CancellationToken.None);

        again.Should().Be(created);
        created.IsPublic.Should().BeTrue();
        created.OwnerUserId.Should().Be(alice.Id);
        (await Store.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().Be(created);
        (await Store.FindBlobAsync(created.Id, "sha256:aa", CancellationToken.None)).Should().Be(10);
        (await Store.FindBlobAsync(created.Id, "sha256:cc", CancellationToken.None)).Should().BeNull();
        (await Store.UnlinkBlobAsync(created.Id, "sha256:aa", CancellationToken.None)).Should().BeTrue();
        (await Store.UnlinkBlobAsync(created.Id, "sha256:aa", CancellationToken.None)).Should().BeFalse();
    }

    [MetadataFact]
    public async Task PutManifest_StoresExactBytesAndMovesTheTag()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config", "sha256:layer");
        var first = Manifest("sha256:m1", "first", References("sha256:config", "sha256:layer"));
        var second = Manifest("sha256:m2", "second", References("sha256:config"));

        (await Store.PutManifestAsync(repository, first, "v1", Now, CancellationToken.None)).Stored.Should().BeTrue();
        var record = await RecordAsync();
        var byTag = await Store.FindManifestByTagAsync(record.Id, "v1", true, CancellationToken.None);
        (await Store.PutManifestAsync(repository, second, "v1", Now, CancellationToken.None)).Stored.Should().BeTrue();
        var moved = await Store.FindManifestByTagAsync(record.Id, "v1", false, CancellationToken.None);

        byTag!.Digest.Should().Be("sha256:m1");
        byTag.Content.Should().Equal(first.Content);
        byTag.MediaType.Should().Be(OciContent.ManifestType);
        byTag.Size.Should().Be(first.Content.Length);
        moved!.Digest.Should().Be("sha256:m2");
        moved.Content.Should().BeNull();
        (await Store.FindManifestByDigestAsync(record.Id, "sha256:m1", true, CancellationToken.None))!.Content.Should().Equal(first.Content);
    }

    [MetadataFact]
    public async Task PutManifest_WithMissingReferences_ReturnsThemAndWritesNothing()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var repository = new NewRepository("alice/filter", alice.Id, null, false);

        var result = await Store.PutManifestAsync(repository, Manifest("sha256:m1", "m", References("sha256:config")), "v1", Now, CancellationToken.None);

        result.Stored.Should().BeFalse();
        result.Missing.Should().Equal(new ManifestReference("sha256:config", ManifestReferenceKind.Blob));
        (await Store.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().BeNull();
    }

    [MetadataFact]
    public async Task PutManifest_IndexNeedsItsChildManifestsInTheRepository()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config");
        var child = Manifest("sha256:child", "child", References("sha256:config"));
        var index = new ManifestWrite("sha256:index", OciContent.IndexType, null, null, "index"u8.ToArray(), null, [new ManifestReference("sha256:child", ManifestReferenceKind.Manifest)]);

        var before = await Store.PutManifestAsync(repository, index, "all", Now, CancellationToken.None);
        await Store.PutManifestAsync(repository, child, null, Now, CancellationToken.None);
        var after = await Store.PutManifestAsync(repository, index, "all", Now, CancellationToken.None);

        before.Missing.Should().Equal(new ManifestReference("sha256:child", ManifestReferenceKind.Manifest));
        after.Stored.Should().BeTrue();
    }

    [MetadataFact]
    public async Task PutManifest_SameDigestUnderTwoTags_StoresItOnce()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config");
        var manifest = Manifest("sha256:m1", "m", References("sha256:config"));

        await Store.PutManifestAsync(repository, manifest, "v1", Now, CancellationToken.None);
        await Store.PutManifestAsync(repository, manifest, "latest", Now, CancellationToken.None);

        var record = await RecordAsync();
        (await Store.FindManifestByTagAsync(record.Id, "v1", false, CancellationToken.None))!.Id
            .Should().Be((await Store.FindManifestByTagAsync(record.Id, "latest", false, CancellationToken.None))!.Id);
        (await Store.ListTagsAsync(record.Id, null, 10, CancellationToken.None)).Should().Equal("latest", "v1");
    }

    [MetadataFact]
    public async Task DeleteManifest_RemovesItsTags_DeleteTag_KeepsTheManifest()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config");
        await Store.PutManifestAsync(repository, Manifest("sha256:m1", "1", References("sha256:config")), "a", Now, CancellationToken.None);
        await Store.PutManifestAsync(repository, Manifest("sha256:m1", "1", References("sha256:config")), "b", Now, CancellationToken.None);
        await Store.PutManifestAsync(repository, Manifest("sha256:m2", "2", References("sha256:config")), "c", Now, CancellationToken.None);
        var record = await RecordAsync();

        (await Store.DeleteTagAsync(record.Id, "c", CancellationToken.None)).Should().BeTrue();
        (await Store.DeleteManifestAsync(record.Id, "sha256:m1", CancellationToken.None)).Should().BeTrue();

        (await Store.ListTagsAsync(record.Id, null, 10, CancellationToken.None)).Should().BeEmpty();
        (await Store.FindManifestByDigestAsync(record.Id, "sha256:m2", false, CancellationToken.None)).Should().NotBeNull();
        (await Store.FindManifestByDigestAsync(record.Id, "sha256:m1", false, CancellationToken.None)).Should().BeNull();
        (await Store.DeleteTagAsync(record.Id, "c", CancellationToken.None)).Should().BeFalse();
        (await Store.DeleteManifestAsync(record.Id, "sha256:m1", CancellationToken.None)).Should().BeFalse();
    }

    [MetadataFact]
    public async Task ListTags_PagesInByteOrder()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config");
        var manifest = Manifest("sha256:m1", "m", References("sha256:config"));
        foreach (var tag in new[] { "b", "a", "B", "_x", "a1", "v1.0" })
        {
            await Store.PutManifestAsync(repository, manifest, tag, Now, CancellationToken.None);
        }

        var record = await RecordAsync();

        (await Store.ListTagsAsync(record.Id, null, 100, CancellationToken.None)).Should().Equal("B", "_x", "a", "a1", "b", "v1.0");
        (await Store.ListTagsAsync(record.Id, null, 2, CancellationToken.None)).Should().Equal("B", "_x");
        (await Store.ListTagsAsync(record.Id, "a", 2, CancellationToken.None)).Should().Equal("a1", "b");
    }

    [MetadataFact]
    public async Task ListReferrers_ReturnsManifestsWithTheSubjectFilteredByArtifactType()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config");
        await Store.PutManifestAsync(repository, Manifest("sha256:subject", "s", References("sha256:config")), "v1", Now, CancellationToken.None);
        var signature = Manifest("sha256:sig", "sig", References("sha256:config")) with { SubjectDigest = "sha256:subject", ArtifactType = "type/sig", AnnotationsJson = "{\"k\":\"v\"}" };
        var sbom = Manifest("sha256:sbom", "sbom", References("sha256:config")) with { SubjectDigest = "sha256:subject", ArtifactType = "type/sbom" };
        await Store.PutManifestAsync(repository, signature, null, Now, CancellationToken.None);
        await Store.PutManifestAsync(repository, sbom, null, Now.AddSeconds(1), CancellationToken.None);
        var record = await RecordAsync();

        var all = await Store.ListReferrersAsync(record.Id, "sha256:subject", null, CancellationToken.None);
        var filtered = await Store.ListReferrersAsync(record.Id, "sha256:subject", "type/sig", CancellationToken.None);

        all.Select(r => r.Digest).Should().Equal("sha256:sig", "sha256:sbom");
        filtered.Should().Equal(new ReferrerRecord("sha256:sig", OciContent.ManifestType, "type/sig", signature.Content.Length, "{\"k\":\"v\"}"));
        (await Store.ListReferrersAsync(record.Id, "sha256:other", null, CancellationToken.None)).Should().BeEmpty();
    }

    [MetadataFact]
    public async Task ListRepositories_ShowsPublicOnesToEveryoneAndPrivateOnesToOwnersAndMembers()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var (bob, _) = await Store.EnsureUserAsync("bob", Now, CancellationToken.None);
        var (carol, _) = await Store.EnsureUserAsync("carol", Now, CancellationToken.None);
        var team = await Store.CreateOrganizationAsync("team", carol.Id, Now, CancellationToken.None);
        await Store.AddOrganizationMemberAsync(team.Id, bob.Id, "member", CancellationToken.None);
        await Store.LinkBlobAsync(new NewRepository("alice/public", alice.Id, null, true), "sha256:x", 1, Now, CancellationToken.None);
        await Store.LinkBlobAsync(new NewRepository("alice/private", alice.Id, null, false), "sha256:x", 1, Now, CancellationToken.None);
        await Store.LinkBlobAsync(new NewRepository("team/private", null, team.Id, false), "sha256:x", 1, Now, CancellationToken.None);

        (await Store.ListRepositoriesAsync(null, null, 10, CancellationToken.None)).Should().Equal("alice/public");
        (await Store.ListRepositoriesAsync(alice.Id, null, 10, CancellationToken.None)).Should().Equal("alice/private", "alice/public");
        (await Store.ListRepositoriesAsync(bob.Id, null, 10, CancellationToken.None)).Should().Equal("alice/public", "team/private");
        (await Store.ListRepositoriesAsync(alice.Id, "alice/private", 1, CancellationToken.None)).Should().Equal("alice/public");
        (await Store.SetRepositoryVisibilityAsync("alice/public", false, CancellationToken.None)).Should().BeTrue();
        (await Store.SetRepositoryVisibilityAsync("nobody/none", true, CancellationToken.None)).Should().BeFalse();
        (await Store.ListRepositoriesAsync(null, null, 10, CancellationToken.None)).Should().BeEmpty();
    }

    [MetadataFact]
    public async Task ReleaseBlob_OnlyReleasesOldUnreferencedBlobs()
    {
        var repository = await RepositoryWithBlobsAsync("sha256:config", "sha256:orphan");
        await Store.LinkBlobAsync(repository, "sha256:fresh", 1, Now.AddHours(2), CancellationToken.None);
        await Store.PutManifestAsync(repository, Manifest("sha256:m1", "m", References("sha256:config")), "v1", Now, CancellationToken.None);
        var cutoff = Now.AddHours(1);

        (await Store.ListReferencedBlobsAsync(CancellationToken.None)).Should().BeEquivalentTo(["sha256:config"]);
        (await Store.ReleaseBlobAsync("sha256:config", cutoff, CancellationToken.None)).Should().BeFalse();
        (await Store.ReleaseBlobAsync("sha256:fresh", cutoff, CancellationToken.None)).Should().BeFalse();
        (await Store.ReleaseBlobAsync("sha256:orphan", cutoff, CancellationToken.None)).Should().BeTrue();

        var record = await RecordAsync();
        (await Store.FindBlobAsync(record.Id, "sha256:orphan", CancellationToken.None)).Should().BeNull();
        (await Store.FindBlobAsync(record.Id, "sha256:fresh", CancellationToken.None)).Should().Be(1);
        (await Store.FindBlobAsync(record.Id, "sha256:config", CancellationToken.None)).Should().NotBeNull();
    }

    [MetadataFact]
    public async Task ConcurrentWriters_AllSucceed()
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var repository = new NewRepository("alice/filter", alice.Id, null, false);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await Store.LinkBlobAsync(repository, $"sha256:{i:x4}", i, Now, CancellationToken.None))));

        var record = await RecordAsync();
        for (var i = 0; i < 40; i++)
        {
            (await Store.FindBlobAsync(record.Id, $"sha256:{i:x4}", CancellationToken.None)).Should().Be(i);
        }
    }

    private protected abstract Task<IMetadataStore> CreateStoreAsync();

    protected abstract Task CleanUpAsync();

    private static ManifestReference[] References(params string[] blobs) =>
        blobs.Select(digest => new ManifestReference(digest, ManifestReferenceKind.Blob)).ToArray();

    private static ManifestWrite Manifest(string digest, string body, ManifestReference[] references) =>
        new(digest, OciContent.ManifestType, "application/vnd.wasm.config.v0+json", null, Encoding.UTF8.GetBytes("{\"body\":\"" + body + "\"}"), null, references);

    private async Task<NewRepository> RepositoryWithBlobsAsync(params string[] digests)
    {
        var (alice, _) = await Store.EnsureUserAsync("alice", Now, CancellationToken.None);
        var repository = new NewRepository("alice/filter", alice.Id, null, false);
        foreach (var digest in digests)
        {
            await Store.LinkBlobAsync(repository, digest, 100, Now, CancellationToken.None);
        }

        return repository;
    }

    private async Task<RepositoryRecord> RecordAsync() =>
        await Store.FindRepositoryAsync("alice/filter", CancellationToken.None) ?? throw new InvalidOperationException("alice/filter was not created.");
}
