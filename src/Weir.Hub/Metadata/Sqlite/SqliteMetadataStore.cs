using Weir.Hub.Auth;

namespace Weir.Hub.Metadata.Sqlite;

/// <summary>The embedded metadata store: one SQLite file in WAL mode (the default for <c>weir hub</c>).</summary>
internal sealed partial class SqliteMetadataStore : IMetadataStore
{
    private const string RepositoryColumns = "id, name, is_public, owner_user_id, owner_organization_id, created_at";
    private const string ManifestColumns = "m.id, m.digest, m.media_type, m.artifact_type, m.subject_digest, m.size, m.created_at";
    private const string TokenColumns = "t.id, t.user_id, u.name, t.name, t.scopes, t.created_at, t.expires_at";

    private readonly SqliteDatabase database;

    public SqliteMetadataStore(string path)
    {
        database = new SqliteDatabase(path);
    }

    public ValueTask MigrateAsync(CancellationToken cancellationToken) => new(database.WriteAsync(
        connection =>
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            var current = CurrentVersion(connection);
            var newest = SqliteSchema.Migrations[^1].Version;
            if (current > newest)
            {
                throw new InvalidOperationException($"The hub database has schema version {current}, newer than this hub understands ({newest}); upgrade weir.");
            }

            foreach (var (version, sql) in SqliteSchema.Migrations.Where(migration => migration.Version > current))
            {
                connection.Execute(sql);
                connection.Execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $now)",
                    s => s.Bind("$version", version).Bind("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            }

            return true;
        },
        cancellationToken).AsTask());

    public ValueTask<int> GetSchemaVersionAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(CurrentVersion));

    public ValueTask<RepositoryRecord?> FindRepositoryAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => FindRepository(connection, name)));

    public ValueTask<IReadOnlyList<string>> ListRepositoriesAsync(long? viewerUserId, string? after, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(database.Read(connection => connection.Query(
            """
            SELECT name FROM repositories
            WHERE ($after IS NULL OR name > $after)
              AND (is_public = 1
                   OR owner_user_id = $viewer
                   OR owner_organization_id IN (SELECT organization_id FROM organization_members WHERE user_id = $viewer))
            ORDER BY name LIMIT $limit
            """,
            s => s.Bind("$after", after).Bind("$viewer", viewerUserId).Bind("$limit", (long)limit),
            s => s.GetText(0))));

    public async ValueTask<bool> SetRepositoryVisibilityAsync(string name, bool isPublic, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute(
                "UPDATE repositories SET is_public = $public, updated_at = $now WHERE name = $name",
                s => s.Bind("$public", isPublic).Bind("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Bind("$name", name)) > 0,
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<RepositoryRecord> LinkBlobAsync(NewRepository repository, string digest, long size, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                var record = EnsureRepository(connection, repository, now);
                connection.Execute(
                    """
                    INSERT INTO repository_blobs (repository_id, digest, size, linked_at) VALUES ($repository, $digest, $size, $now)
                    ON CONFLICT (repository_id, digest) DO UPDATE SET size = excluded.size, linked_at = excluded.linked_at
                    """,
                    s => s.Bind("$repository", record.Id).Bind("$digest", digest).Bind("$size", size).Bind("$now", now.ToUnixTimeMilliseconds()));
                return record;
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<long?> FindBlobAsync(long repositoryId, string digest, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<long?>(
            "SELECT size FROM repository_blobs WHERE repository_id = $repository AND digest = $digest",
            s => s.Bind("$repository", repositoryId).Bind("$digest", digest),
            s => s.GetInt64(0),
            null)));

    public async ValueTask<bool> UnlinkBlobAsync(long repositoryId, string digest, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute(
                "DELETE FROM repository_blobs WHERE repository_id = $repository AND digest = $digest",
                s => s.Bind("$repository", repositoryId).Bind("$digest", digest)) > 0,
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<ManifestPutResult> PutManifestAsync(NewRepository repository, ManifestWrite manifest, string? tag, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                var existing = FindRepository(connection, repository.Name);
                var missing = new List<ManifestReference>();
                foreach (var reference in manifest.References.Distinct())
                {
                    if (existing is null || !ReferenceExists(connection, existing.Id, reference))
                    {
                        missing.Add(reference);
                    }
                }

                if (missing.Count > 0)
                {
                    return new ManifestPutResult(false, missing);
                }

                var record = existing ?? EnsureRepository(connection, repository, now);
                var manifestId = connection.QueryFirst<long?>(
                    "SELECT id FROM manifests WHERE repository_id = $repository AND digest = $digest",
                    s => s.Bind("$repository", record.Id).Bind("$digest", manifest.Digest),
                    s => s.GetInt64(0),
                    null);
                if (manifestId is null)
                {
                    connection.Execute(
                        """
                        INSERT INTO manifests (repository_id, digest, media_type, artifact_type, subject_digest, size, content, annotations, created_at)
                        VALUES ($repository, $digest, $mediaType, $artifactType, $subject, $size, $content, $annotations, $now)
                        """,
                        s => s.Bind("$repository", record.Id).Bind("$digest", manifest.Digest).Bind("$mediaType", manifest.MediaType)
                            .Bind("$artifactType", manifest.ArtifactType).Bind("$subject", manifest.SubjectDigest)
                            .Bind("$size", (long)manifest.Content.Length).Bind("$content", manifest.Content)
                            .Bind("$annotations", manifest.AnnotationsJson).Bind("$now", now.ToUnixTimeMilliseconds()));
                    manifestId = connection.LastInsertRowId;
                    foreach (var reference in manifest.References.Distinct())
                    {
                        connection.Execute(
                            "INSERT OR IGNORE INTO manifest_references (manifest_id, digest, kind) VALUES ($manifest, $digest, $kind)",
                            s => s.Bind("$manifest", manifestId.Value).Bind("$digest", reference.Digest).Bind("$kind", (long)reference.Kind));
                    }
                }

                if (tag is not null)
                {
                    connection.Execute(
                        """
                        INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES ($repository, $tag, $manifest, $now)
                        ON CONFLICT (repository_id, name) DO UPDATE SET manifest_id = excluded.manifest_id, updated_at = excluded.updated_at
                        """,
                        s => s.Bind("$repository", record.Id).Bind("$tag", tag).Bind("$manifest", manifestId.Value).Bind("$now", now.ToUnixTimeMilliseconds()));
                }

                connection.Execute(
                    "UPDATE repositories SET updated_at = $now WHERE id = $repository",
                    s => s.Bind("$now", now.ToUnixTimeMilliseconds()).Bind("$repository", record.Id));
                return new ManifestPutResult(true, []);
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<ManifestRecord?> FindManifestByDigestAsync(long repositoryId, string digest, bool includeContent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<ManifestRecord?>(
            $"SELECT {ManifestColumns}{(includeContent ? ", m.content" : string.Empty)} FROM manifests m WHERE m.repository_id = $repository AND m.digest = $digest",
            s => s.Bind("$repository", repositoryId).Bind("$digest", digest),
            s => ReadManifest(s, includeContent),
            null)));

    public ValueTask<ManifestRecord?> FindManifestByTagAsync(long repositoryId, string tag, bool includeContent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<ManifestRecord?>(
            $"SELECT {ManifestColumns}{(includeContent ? ", m.content" : string.Empty)} FROM tags t JOIN manifests m ON m.id = t.manifest_id WHERE t.repository_id = $repository AND t.name = $tag",
            s => s.Bind("$repository", repositoryId).Bind("$tag", tag),
            s => ReadManifest(s, includeContent),
            null)));

    public async ValueTask<bool> DeleteManifestAsync(long repositoryId, string digest, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute(
                "DELETE FROM manifests WHERE repository_id = $repository AND digest = $digest",
                s => s.Bind("$repository", repositoryId).Bind("$digest", digest)) > 0,
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> DeleteTagAsync(long repositoryId, string tag, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute(
                "DELETE FROM tags WHERE repository_id = $repository AND name = $tag",
                s => s.Bind("$repository", repositoryId).Bind("$tag", tag)) > 0,
            cancellationToken).ConfigureAwait(false);

    public ValueTask<IReadOnlyList<string>> ListTagsAsync(long repositoryId, string? after, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(database.Read(connection => connection.Query(
            "SELECT name FROM tags WHERE repository_id = $repository AND ($after IS NULL OR name > $after) ORDER BY name LIMIT $limit",
            s => s.Bind("$repository", repositoryId).Bind("$after", after).Bind("$limit", (long)limit),
            s => s.GetText(0))));

    public ValueTask<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long repositoryId, string subjectDigest, string? artifactType, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ReferrerRecord>>(database.Read(connection => connection.Query(
            """
            SELECT digest, media_type, artifact_type, size, annotations FROM manifests
            WHERE repository_id = $repository AND subject_digest = $subject AND ($type IS NULL OR artifact_type = $type)
            ORDER BY created_at, digest
            """,
            s => s.Bind("$repository", repositoryId).Bind("$subject", subjectDigest).Bind("$type", artifactType),
            s => new ReferrerRecord(s.GetText(0), s.GetText(1), s.GetNullableText(2), s.GetInt64(3), s.GetNullableText(4)))));

    public ValueTask<IReadOnlySet<string>> ListReferencedBlobsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(database.Read(connection => connection.Query(
            "SELECT DISTINCT digest FROM manifest_references WHERE kind = 0",
            _ => { },
            s => s.GetText(0)).ToHashSet(StringComparer.Ordinal)));

    public async ValueTask<bool> ReleaseBlobAsync(string digest, DateTimeOffset linkedBefore, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                var referenced = connection.QueryFirst(
                    "SELECT 1 FROM manifest_references WHERE digest = $digest AND kind = 0 LIMIT 1",
                    s => s.Bind("$digest", digest),
                    _ => true,
                    false);
                var recentlyLinked = connection.QueryFirst(
                    "SELECT 1 FROM repository_blobs WHERE digest = $digest AND linked_at >= $cutoff LIMIT 1",
                    s => s.Bind("$digest", digest).Bind("$cutoff", linkedBefore.ToUnixTimeMilliseconds()),
                    _ => true,
                    false);
                if (referenced || recentlyLinked)
                {
                    return false;
                }

                connection.Execute("DELETE FROM repository_blobs WHERE digest = $digest", s => s.Bind("$digest", digest));
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => FindUser(connection, name)));

    public ValueTask<UserRecord?> FindUserByIdAsync(long id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<UserRecord?>(
            "SELECT id, name, created_at FROM users WHERE id = $id",
            s => s.Bind("$id", id),
            ReadUser,
            null)));

    public async ValueTask<(UserRecord User, bool Created)> EnsureUserAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                var existing = FindUser(connection, name);
                if (existing is not null)
                {
                    return (existing, false);
                }

                if (FindOrganization(connection, name) is not null)
                {
                    throw new MetadataConflictException($"The name '{name}' belongs to an organisation.");
                }

                connection.Execute(
                    "INSERT INTO users (name, created_at) VALUES ($name, $now)",
                    s => s.Bind("$name", name).Bind("$now", now.ToUnixTimeMilliseconds()));
                return (new UserRecord(connection.LastInsertRowId, name, FromUnix(now.ToUnixTimeMilliseconds())), true);
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<long> CountUsersAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst("SELECT COUNT(*) FROM users", _ => { }, s => s.GetInt64(0), 0L)));

    public async ValueTask<OrganizationRecord> CreateOrganizationAsync(string name, long ownerUserId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                if (FindUser(connection, name) is not null || FindOrganization(connection, name) is not null)
                {
                    throw new MetadataConflictException($"The name '{name}' is already taken by a user or an organisation.");
                }

                connection.Execute(
                    "INSERT INTO organizations (name, created_at) VALUES ($name, $now)",
                    s => s.Bind("$name", name).Bind("$now", now.ToUnixTimeMilliseconds()));
                var id = connection.LastInsertRowId;
                connection.Execute(
                    "INSERT INTO organization_members (organization_id, user_id, role) VALUES ($organization, $user, 'owner')",
                    s => s.Bind("$organization", id).Bind("$user", ownerUserId));
                return new OrganizationRecord(id, name, FromUnix(now.ToUnixTimeMilliseconds()));
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<OrganizationRecord?> FindOrganizationAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => FindOrganization(connection, name)));

    public async ValueTask AddOrganizationMemberAsync(long organizationId, long userId, string role, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute(
                """
                INSERT INTO organization_members (organization_id, user_id, role) VALUES ($organization, $user, $role)
                ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role
                """,
                s => s.Bind("$organization", organizationId).Bind("$user", userId).Bind("$role", role)),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> RemoveOrganizationMemberAsync(long organizationId, long userId, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute(
                "DELETE FROM organization_members WHERE organization_id = $organization AND user_id = $user",
                s => s.Bind("$organization", organizationId).Bind("$user", userId)) > 0,
            cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> IsOrganizationMemberAsync(long organizationId, long userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst(
            "SELECT 1 FROM organization_members WHERE organization_id = $organization AND user_id = $user",
            s => s.Bind("$organization", organizationId).Bind("$user", userId),
            _ => true,
            false)));

    public async ValueTask<AccessTokenRecord> CreateAccessTokenAsync(long userId, string name, string secretHash, AccessScopes scopes, DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                connection.Execute(
                    "INSERT INTO access_tokens (user_id, name, secret_hash, scopes, created_at, expires_at) VALUES ($user, $name, $hash, $scopes, $now, $expires)",
                    s => s.Bind("$user", userId).Bind("$name", name).Bind("$hash", secretHash).Bind("$scopes", AccessScopeText.Format(scopes))
                        .Bind("$now", now.ToUnixTimeMilliseconds()).Bind("$expires", expiresAt?.ToUnixTimeMilliseconds()));
                var id = connection.LastInsertRowId;
                return connection.QueryFirst<AccessTokenRecord?>(
                    $"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $id",
                    s => s.Bind("$id", id),
                    ReadToken,
                    null) ?? throw new InvalidOperationException("The token just inserted could not be read back.");
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<AccessTokenRecord?> FindAccessTokenAsync(string secretHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<AccessTokenRecord?>(
            $"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = $hash",
            s => s.Bind("$hash", secretHash),
            ReadToken,
            null)));

    public ValueTask<IReadOnlyList<AccessTokenRecord>> ListAccessTokensAsync(long userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<AccessTokenRecord>>(database.Read(connection => connection.Query(
            $"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.user_id = $user ORDER BY t.id",
            s => s.Bind("$user", userId),
            ReadToken)));

    public async ValueTask<bool> RevokeAccessTokenAsync(long tokenId, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => connection.Execute("DELETE FROM access_tokens WHERE id = $id", s => s.Bind("$id", tokenId)) > 0,
            cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int CurrentVersion(SqliteConnection connection)
    {
        var exists = connection.QueryFirst(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            _ => { },
            _ => true,
            false);
        return exists
            ? (int)connection.QueryFirst("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", _ => { }, s => s.GetInt64(0), 0L)
            : 0;
    }

    private static RepositoryRecord? FindRepository(SqliteConnection connection, string name) =>
        connection.QueryFirst<RepositoryRecord?>(
            $"SELECT {RepositoryColumns} FROM repositories WHERE name = $name",
            s => s.Bind("$name", name),
            ReadRepository,
            null);

    private static RepositoryRecord EnsureRepository(SqliteConnection connection, NewRepository repository, DateTimeOffset now)
    {
        var existing = FindRepository(connection, repository.Name);
        if (existing is not null)
        {
            return existing;
        }

        connection.Execute(
            """
            INSERT INTO repositories (name, is_public, owner_user_id, owner_organization_id, created_at, updated_at)
            VALUES ($name, $public, $user, $organization, $now, $now)
            """,
            s => s.Bind("$name", repository.Name).Bind("$public", repository.IsPublic).Bind("$user", repository.OwnerUserId)
                .Bind("$organization", repository.OwnerOrganizationId).Bind("$now", now.ToUnixTimeMilliseconds()));
        return new RepositoryRecord(
            connection.LastInsertRowId,
            repository.Name,
            repository.IsPublic,
            repository.OwnerUserId,
            repository.OwnerOrganizationId,
            FromUnix(now.ToUnixTimeMilliseconds()));
    }

    private static bool ReferenceExists(SqliteConnection connection, long repositoryId, ManifestReference reference) =>
        connection.QueryFirst(
            reference.Kind == ManifestReferenceKind.Blob
                ? "SELECT 1 FROM repository_blobs WHERE repository_id = $repository AND digest = $digest"
                : "SELECT 1 FROM manifests WHERE repository_id = $repository AND digest = $digest",
            s => s.Bind("$repository", repositoryId).Bind("$digest", reference.Digest),
            _ => true,
            false);

    private static UserRecord? FindUser(SqliteConnection connection, string name) =>
        connection.QueryFirst<UserRecord?>(
            "SELECT id, name, created_at FROM users WHERE name = $name",
            s => s.Bind("$name", name),
            ReadUser,
            null);

    private static OrganizationRecord? FindOrganization(SqliteConnection connection, string name) =>
        connection.QueryFirst<OrganizationRecord?>(
            "SELECT id, name, created_at FROM organizations WHERE name = $name",
            s => s.Bind("$name", name),
            s => new OrganizationRecord(s.GetInt64(0), s.GetText(1), FromUnix(s.GetInt64(2))),
            null);

    private static RepositoryRecord ReadRepository(SqliteStatement s) =>
        new(s.GetInt64(0), s.GetText(1), s.GetInt64(2) != 0, s.GetNullableInt64(3), s.GetNullableInt64(4), FromUnix(s.GetInt64(5)));

    private static ManifestRecord ReadManifest(SqliteStatement s, bool includeContent) =>
        new(s.GetInt64(0), s.GetText(1), s.GetText(2), s.GetNullableText(3), s.GetNullableText(4), s.GetInt64(5), includeContent ? s.GetBlob(7) : null, FromUnix(s.GetInt64(6)));

    private static UserRecord ReadUser(SqliteStatement s) => new(s.GetInt64(0), s.GetText(1), FromUnix(s.GetInt64(2)));

    private static AccessTokenRecord ReadToken(SqliteStatement s) =>
        new(s.GetInt64(0), s.GetInt64(1), s.GetText(2), s.GetText(3), AccessScopeText.Parse(s.GetText(4)), FromUnix(s.GetInt64(5)), s.GetNullableInt64(6) is { } expires ? FromUnix(expires) : null);

    private static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
