using Weir.Hub.Auth;

namespace Weir.Hub.Metadata;

/// <summary>
/// Everything the hub knows besides blob bytes: repositories, tags, manifests and their references,
/// users, organisations and access tokens. SQLite (embedded, default) and PostgreSQL implement it;
/// both pass the same contract tests. Timestamps are stored as Unix milliseconds.
/// </summary>
internal interface IMetadataStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema to the newest version; safe to call on every start.</summary>
    ValueTask MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The schema version after migration.</summary>
    ValueTask<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    // Repositories.

    ValueTask<RepositoryRecord?> FindRepositoryAsync(string name, CancellationToken cancellationToken);

    /// <summary>Repository names after <paramref name="after"/> in byte order that <paramref name="viewerUserId"/> may pull (public ones for anonymous viewers).</summary>
    ValueTask<IReadOnlyList<string>> ListRepositoriesAsync(long? viewerUserId, string? after, int limit, CancellationToken cancellationToken);

    ValueTask<bool> SetRepositoryVisibilityAsync(string name, bool isPublic, CancellationToken cancellationToken);

    // Blobs linked to repositories.

    /// <summary>Records that <paramref name="repository"/> holds a blob (creating the repository if needed) and refreshes the link's age.</summary>
    ValueTask<RepositoryRecord> LinkBlobAsync(NewRepository repository, string digest, long size, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The size of a blob linked to the repository, or null when it is not linked there.</summary>
    ValueTask<long?> FindBlobAsync(long repositoryId, string digest, CancellationToken cancellationToken);

    ValueTask<bool> UnlinkBlobAsync(long repositoryId, string digest, CancellationToken cancellationToken);

    // Manifests and tags.

    /// <summary>
    /// Stores a manifest (and moves <paramref name="tag"/> to it) in one transaction, after checking that
    /// every reference exists in the repository; when some do not, nothing is written and they are returned.
    /// </summary>
    ValueTask<ManifestPutResult> PutManifestAsync(NewRepository repository, ManifestWrite manifest, string? tag, DateTimeOffset now, CancellationToken cancellationToken);

    ValueTask<ManifestRecord?> FindManifestByDigestAsync(long repositoryId, string digest, bool includeContent, CancellationToken cancellationToken);

    ValueTask<ManifestRecord?> FindManifestByTagAsync(long repositoryId, string tag, bool includeContent, CancellationToken cancellationToken);

    /// <summary>Deletes a manifest and every tag pointing at it.</summary>
    ValueTask<bool> DeleteManifestAsync(long repositoryId, string digest, CancellationToken cancellationToken);

    ValueTask<bool> DeleteTagAsync(long repositoryId, string tag, CancellationToken cancellationToken);

    /// <summary>Tags after <paramref name="after"/> in byte order, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<string>> ListTagsAsync(long repositoryId, string? after, int limit, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long repositoryId, string subjectDigest, string? artifactType, CancellationToken cancellationToken);

    // Garbage collection.

    /// <summary>Every blob digest referenced by some manifest in any repository.</summary>
    ValueTask<IReadOnlySet<string>> ListReferencedBlobsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Drops every repository link to a blob when no manifest references it and no link is newer than
    /// <paramref name="linkedBefore"/>; returns true when the blob is then unreferenced and may be deleted.
    /// </summary>
    ValueTask<bool> ReleaseBlobAsync(string digest, DateTimeOffset linkedBefore, CancellationToken cancellationToken);

    // Accounts.

    ValueTask<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken);

    ValueTask<UserRecord?> FindUserByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>Returns the user, creating it first when it does not exist.</summary>
    /// <exception cref="MetadataConflictException">An organisation has that name.</exception>
    ValueTask<(UserRecord User, bool Created)> EnsureUserAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    ValueTask<long> CountUsersAsync(CancellationToken cancellationToken);

    /// <summary>Creates an organisation with <paramref name="ownerUserId"/> as its first member (role <c>owner</c>).</summary>
    /// <exception cref="MetadataConflictException">A user or organisation has that name.</exception>
    ValueTask<OrganizationRecord> CreateOrganizationAsync(string name, long ownerUserId, DateTimeOffset now, CancellationToken cancellationToken);

    ValueTask<OrganizationRecord?> FindOrganizationAsync(string name, CancellationToken cancellationToken);

    ValueTask AddOrganizationMemberAsync(long organizationId, long userId, string role, CancellationToken cancellationToken);

    ValueTask<bool> RemoveOrganizationMemberAsync(long organizationId, long userId, CancellationToken cancellationToken);

    ValueTask<bool> IsOrganizationMemberAsync(long organizationId, long userId, CancellationToken cancellationToken);

    ValueTask<AccessTokenRecord> CreateAccessTokenAsync(long userId, string name, string secretHash, AccessScopes scopes, DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, expired or not.</summary>
    ValueTask<AccessTokenRecord?> FindAccessTokenAsync(string secretHash, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<AccessTokenRecord>> ListAccessTokensAsync(long userId, CancellationToken cancellationToken);

    ValueTask<bool> RevokeAccessTokenAsync(long tokenId, CancellationToken cancellationToken);

    ValueTask<AccessTokenRecord?> FindAccessTokenByIdAsync(long tokenId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<OrganizationMember>> ListOrganizationMembersAsync(long organizationId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<OrganizationRecord>> ListUserOrganizationsAsync(long userId, CancellationToken cancellationToken);

    // Web pages: listings, search, stars, download counts, READMEs.

    /// <summary>Repositories matching <paramref name="query"/> among those its viewer may pull; nothing else is returned or counted.</summary>
    ValueTask<RepositoryListing> QueryRepositoriesAsync(RepositoryQuery query, CancellationToken cancellationToken);

    /// <summary>The listing view of one repository, whoever asks (callers check access first).</summary>
    ValueTask<RepositorySummary?> FindRepositorySummaryAsync(string name, CancellationToken cancellationToken);

    /// <summary>The repository's tags, most recently pushed first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<TagSummary>> ListTagSummariesAsync(long repositoryId, int limit, CancellationToken cancellationToken);

    /// <summary>Stores what the newest tagged module says about the repository and rebuilds its search words.</summary>
    ValueTask UpdateRepositoryProfileAsync(long repositoryId, RepositoryProfile profile, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets the owner's description and labels and rebuilds the repository's search words.</summary>
    ValueTask UpdateRepositorySettingsAsync(long repositoryId, string description, IReadOnlyList<string> labels, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Names of repositories that are not in the search index yet (e.g. created before it existed), at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<string>> ListUnindexedRepositoriesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The README an owner uploaded, or null.</summary>
    ValueTask<string?> FindRepositoryReadmeAsync(long repositoryId, CancellationToken cancellationToken);

    /// <summary>Stores an uploaded README; null removes it (the module's own README shows again).</summary>
    ValueTask SetRepositoryReadmeAsync(long repositoryId, string? markdown, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stars or unstars a repository for a user (idempotent); returns the repository's star count afterwards.</summary>
    ValueTask<long> SetStarAsync(long userId, long repositoryId, bool starred, DateTimeOffset now, CancellationToken cancellationToken);

    ValueTask<bool> HasStarredAsync(long userId, long repositoryId, CancellationToken cancellationToken);

    /// <summary>Adds downloads to manifests and their repositories in one transaction; manifests deleted meanwhile are skipped.</summary>
    ValueTask AddDownloadsAsync(IReadOnlyList<DownloadCount> downloads, CancellationToken cancellationToken);
}
