using Npgsql;
using Weir.Hub.Auth;

namespace Weir.Hub.Metadata.Postgres;

/// <summary>
/// The metadata store on PostgreSQL, for hubs that run more than one instance. Writes that must not
/// interleave with garbage collection of the same blob take a transaction-scoped advisory lock on the digest.
/// </summary>
internal sealed partial class PostgresMetadataStore : IMetadataStore
{
    private const long MigrationLockKey = 0x5765_6972_4875_62; // "WeirHub"
    private const string RepositoryColumns = "id, name, is_public, owner_user_id, owner_organization_id, created_at";
    private const string ManifestColumns = "m.id, m.digest, m.media_type, m.artifact_type, m.subject_digest, m.size, m.created_at";
    private const string TokenColumns = "t.id, t.user_id, u.name, t.name, t.scopes, t.created_at, t.expires_at";
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource dataSource;

    public PostgresMetadataStore(string connectionString)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async ValueTask MigrateAsync(CancellationToken cancellationToken) =>
        await WriteAsync(
            async (connection, transaction) =>
            {
                // Several hub instances may start at once; the lock makes the second wait and then find nothing to do.
                await connection.Sql("SELECT pg_advisory_xact_lock(@key)", transaction).With("key", MigrationLockKey).RunAsync(cancellationToken).ConfigureAwait(false);
                await connection.Sql("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", transaction)
                    .RunAsync(cancellationToken).ConfigureAwait(false);
                var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var newest = PostgresSchema.Migrations[^1].Version;
                if (current > newest)
                {
                    throw new InvalidOperationException($"The hub database has schema version {current}, newer than this hub understands ({newest}); upgrade weir.");
                }

                foreach (var (version, sql) in PostgresSchema.Migrations.Where(migration => migration.Version > current))
                {
                    await connection.Sql(sql, transaction).RunAsync(cancellationToken).ConfigureAwait(false);
                    await connection.Sql("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)", transaction)
                        .With("version", version).With("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).RunAsync(cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<int> GetSchemaVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => CurrentVersionAsync(connection, null, cancellationToken), cancellationToken);

    public ValueTask<RepositoryRecord?> FindRepositoryAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(connection => FindRepositoryAsync(connection, null, name, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<string>> ListRepositoriesAsync(long? viewerUserId, string? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(
            async connection => await connection.Sql(
                    """
                    SELECT name FROM repositories
                    WHERE (@after::text IS NULL OR name > @after)
                      AND (is_public
                           OR owner_user_id = @viewer
                           OR owner_organization_id IN (SELECT organization_id FROM organization_members WHERE user_id = @viewer))
                    ORDER BY name LIMIT @limit
                    """)
                .With("after", after).With("viewer", viewerUserId).With("limit", limit)
                .ListAsync(r => r.GetString(0), cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public ValueTask<bool> SetRepositoryVisibilityAsync(string name, bool isPublic, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.Sql("UPDATE repositories SET is_public = @public, updated_at = @now WHERE name = @name", transaction)
                .With("public", isPublic).With("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).With("name", name)
                .RunAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public ValueTask<RepositoryRecord> LinkBlobAsync(NewRepository repository, string digest, long size, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var record = await EnsureRepositoryAsync(connection, transaction, repository, now, cancellationToken).ConfigureAwait(false);
                await connection.Sql(
                        """
                        INSERT INTO repository_blobs (repository_id, digest, size, linked_at) VALUES (@repository, @digest, @size, @now)
                        ON CONFLICT (repository_id, digest) DO UPDATE SET size = excluded.size, linked_at = excluded.linked_at
                        """,
                        transaction)
                    .With("repository", record.Id).With("digest", digest).With("size", size).With("now", now.ToUnixTimeMilliseconds())
                    .RunAsync(cancellationToken).ConfigureAwait(false);
                return record;
            },
            cancellationToken);

    public ValueTask<long?> FindBlobAsync(long repositoryId, string digest, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql("SELECT size FROM repository_blobs WHERE repository_id = @repository AND digest = @digest")
                .With("repository", repositoryId).With("digest", digest)
                .FirstAsync<long?>(r => r.GetInt64(0), null, cancellationToken),
            cancellationToken);

    public ValueTask<bool> UnlinkBlobAsync(long repositoryId, string digest, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.Sql("DELETE FROM repository_blobs WHERE repository_id = @repository AND digest = @digest", transaction)
                .With("repository", repositoryId).With("digest", digest).RunAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public ValueTask<ManifestPutResult> PutManifestAsync(NewRepository repository, ManifestWrite manifest, string? tag, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var references = manifest.References.Distinct().ToList();
                foreach (var digest in references.Where(r => r.Kind == ManifestReferenceKind.Blob).Select(r => r.Digest).Order(StringComparer.Ordinal))
                {
                    await LockDigestAsync(connection, transaction, digest, cancellationToken).ConfigureAwait(false);
                }

                var existing = await FindRepositoryAsync(connection, transaction, repository.Name, cancellationToken).ConfigureAwait(false);
                var missing = new List<ManifestReference>();
                foreach (var reference in references)
                {
                    if (existing is null || !await ReferenceExistsAsync(connection, transaction, existing.Id, reference, cancellationToken).ConfigureAwait(false))
                    {
                        missing.Add(reference);
                    }
                }

                if (missing.Count > 0)
                {
                    return new ManifestPutResult(false, missing);
                }

                var record = existing ?? await EnsureRepositoryAsync(connection, transaction, repository, now, cancellationToken).ConfigureAwait(false);
                var manifestId = await connection.Sql(
                        """
                        INSERT INTO manifests (repository_id, digest, media_type, artifact_type, subject_digest, size, content, annotations, created_at)
                        VALUES (@repository, @digest, @mediaType, @artifactType, @subject, @size, @content, @annotations, @now)
                        ON CONFLICT (repository_id, digest) DO NOTHING
                        RETURNING id
                        """,
                        transaction)
                    .With("repository", record.Id).With("digest", manifest.Digest).With("mediaType", manifest.MediaType)
                    .With("artifactType", manifest.ArtifactType).With("subject", manifest.SubjectDigest).With("size", (long)manifest.Content.Length)
                    .With("content", manifest.Content).With("annotations", manifest.AnnotationsJson).With("now", now.ToUnixTimeMilliseconds())
                    .FirstAsync<long?>(r => r.GetInt64(0), null, cancellationToken).ConfigureAwait(false);
                if (manifestId is { } inserted)
                {
                    foreach (var reference in references)
                    {
                        await connection.Sql("INSERT INTO manifest_references (manifest_id, digest, kind) VALUES (@manifest, @digest, @kind) ON CONFLICT DO NOTHING", transaction)
                            .With("manifest", inserted).With("digest", reference.Digest).With("kind", (long)reference.Kind)
                            .RunAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    manifestId = await connection.Sql("SELECT id FROM manifests WHERE repository_id = @repository AND digest = @digest", transaction)
                        .With("repository", record.Id).With("digest", manifest.Digest)
                        .FirstAsync<long?>(r => r.GetInt64(0), null, cancellationToken).ConfigureAwait(false);
                }

                if (tag is not null)
                {
                    await connection.Sql(
                            """
                            INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES (@repository, @tag, @manifest, @now)
                            ON CONFLICT (repository_id, name) DO UPDATE SET manifest_id = excluded.manifest_id, updated_at = excluded.updated_at
                            """,
                            transaction)
                        .With("repository", record.Id).With("tag", tag).With("manifest", manifestId).With("now", now.ToUnixTimeMilliseconds())
                        .RunAsync(cancellationToken).ConfigureAwait(false);
                }

                await connection.Sql("UPDATE repositories SET updated_at = @now WHERE id = @repository", transaction)
                    .With("now", now.ToUnixTimeMilliseconds()).With("repository", record.Id).RunAsync(cancellationToken).ConfigureAwait(false);
                return new ManifestPutResult(true, []);
            },
            cancellationToken);

    public ValueTask<ManifestRecord?> FindManifestByDigestAsync(long repositoryId, string digest, bool includeContent, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql($"SELECT {ManifestColumns}{(includeContent ? ", m.content" : string.Empty)} FROM manifests m WHERE m.repository_id = @repository AND m.digest = @digest")
                .With("repository", repositoryId).With("digest", digest)
                .FirstAsync<ManifestRecord?>(r => ReadManifest(r, includeContent), null, cancellationToken),
            cancellationToken);

    public ValueTask<ManifestRecord?> FindManifestByTagAsync(long repositoryId, string tag, bool includeContent, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql($"SELECT {ManifestColumns}{(includeContent ? ", m.content" : string.Empty)} FROM tags t JOIN manifests m ON m.id = t.manifest_id WHERE t.repository_id = @repository AND t.name = @tag")
                .With("repository", repositoryId).With("tag", tag)
                .FirstAsync<ManifestRecord?>(r => ReadManifest(r, includeContent), null, cancellationToken),
            cancellationToken);

    public ValueTask<bool> DeleteManifestAsync(long repositoryId, string digest, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.Sql("DELETE FROM manifests WHERE repository_id = @repository AND digest = @digest", transaction)
                .With("repository", repositoryId).With("digest", digest).RunAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public ValueTask<bool> DeleteTagAsync(long repositoryId, string tag, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.Sql("DELETE FROM tags WHERE repository_id = @repository AND name = @tag", transaction)
                .With("repository", repositoryId).With("tag", tag).RunAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public ValueTask<IReadOnlyList<string>> ListTagsAsync(long repositoryId, string? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(
            async connection => await connection.Sql("SELECT name FROM tags WHERE repository_id = @repository AND (@after::text IS NULL OR name > @after) ORDER BY name LIMIT @limit")
                .With("repository", repositoryId).With("after", after).With("limit", limit)
                .ListAsync(r => r.GetString(0), cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public ValueTask<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long repositoryId, string subjectDigest, string? artifactType, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ReferrerRecord>>(
            async connection => await connection.Sql(
                    """
                    SELECT digest, media_type, artifact_type, size, annotations FROM manifests
                    WHERE repository_id = @repository AND subject_digest = @subject AND (@type::text IS NULL OR artifact_type = @type)
                    ORDER BY created_at, digest
                    """)
                .With("repository", repositoryId).With("subject", subjectDigest).With("type", artifactType)
                .ListAsync(r => new ReferrerRecord(r.GetString(0), r.GetString(1), r.GetNullableString(2), r.GetInt64(3), r.GetNullableString(4)), cancellationToken)
                .ConfigureAwait(false),
            cancellationToken);

    public ValueTask<IReadOnlySet<string>> ListReferencedBlobsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlySet<string>>(
            async connection => (await connection.Sql("SELECT DISTINCT digest FROM manifest_references WHERE kind = 0")
                .ListAsync(r => r.GetString(0), cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal),
            cancellationToken);

    public ValueTask<bool> ReleaseBlobAsync(string digest, DateTimeOffset linkedBefore, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockDigestAsync(connection, transaction, digest, cancellationToken).ConfigureAwait(false);
                var keep = await connection.Sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM manifest_references WHERE digest = @digest AND kind = 0)
                            OR EXISTS (SELECT 1 FROM repository_blobs WHERE digest = @digest AND linked_at >= @cutoff)
                        """,
                        transaction)
                    .With("digest", digest).With("cutoff", linkedBefore.ToUnixTimeMilliseconds())
                    .FirstAsync(r => r.GetBoolean(0), true, cancellationToken).ConfigureAwait(false);
                if (keep)
                {
                    return false;
                }

                await connection.Sql("DELETE FROM repository_blobs WHERE digest = @digest", transaction).With("digest", digest)
                    .RunAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public ValueTask<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(connection => FindUserAsync(connection, null, name, cancellationToken), cancellationToken);

    public ValueTask<UserRecord?> FindUserByIdAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql("SELECT id, name, created_at FROM users WHERE id = @id").With("id", id)
                .FirstAsync<UserRecord?>(ReadUser, null, cancellationToken),
            cancellationToken);

    public ValueTask<(UserRecord User, bool Created)> EnsureUserAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var existing = await FindUserAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return (existing, false);
                }

                if (await FindOrganizationAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new MetadataConflictException($"The name '{name}' belongs to an organisation.");
                }

                var created = await connection.Sql("INSERT INTO users (name, created_at) VALUES (@name, @now) RETURNING id, name, created_at", transaction)
                    .With("name", name).With("now", now.ToUnixTimeMilliseconds())
                    .FirstAsync<UserRecord?>(ReadUser, null, cancellationToken).ConfigureAwait(false);
                return (created!, true);
            },
            cancellationToken);

    public ValueTask<long> CountUsersAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => connection.Sql("SELECT COUNT(*) FROM users").FirstAsync(r => r.GetInt64(0), 0L, cancellationToken), cancellationToken);

    public ValueTask<OrganizationRecord> CreateOrganizationAsync(string name, long ownerUserId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                if (await FindUserAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) is not null
                    || await FindOrganizationAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new MetadataConflictException($"The name '{name}' is already taken by a user or an organisation.");
                }

                var organization = await connection.Sql("INSERT INTO organizations (name, created_at) VALUES (@name, @now) RETURNING id, name, created_at", transaction)
                    .With("name", name).With("now", now.ToUnixTimeMilliseconds())
                    .FirstAsync<OrganizationRecord?>(ReadOrganization, null, cancellationToken).ConfigureAwait(false);
                await connection.Sql("INSERT INTO organization_members (organization_id, user_id, role) VALUES (@organization, @user, 'owner')", transaction)
                    .With("organization", organization!.Id).With("user", ownerUserId).RunAsync(cancellationToken).ConfigureAwait(false);
                return organization;
            },
            cancellationToken);

    public ValueTask<OrganizationRecord?> FindOrganizationAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(connection => FindOrganizationAsync(connection, null, name, cancellationToken), cancellationToken);

    public async ValueTask AddOrganizationMemberAsync(long organizationId, long userId, string role, CancellationToken cancellationToken) =>
        await WriteAsync(
            async (connection, transaction) => await connection.Sql(
                    """
                    INSERT INTO organization_members (organization_id, user_id, role) VALUES (@organization, @user, @role)
                    ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role
                    """,
                    transaction)
                .With("organization", organizationId).With("user", userId).With("role", role).RunAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> RemoveOrganizationMemberAsync(long organizationId, long userId, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.Sql("DELETE FROM organization_members WHERE organization_id = @organization AND user_id = @user", transaction)
                .With("organization", organizationId).With("user", userId).RunAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public ValueTask<bool> IsOrganizationMemberAsync(long organizationId, long userId, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql("SELECT 1 FROM organization_members WHERE organization_id = @organization AND user_id = @user")
                .With("organization", organizationId).With("user", userId).FirstAsync(_ => true, false, cancellationToken),
            cancellationToken);

    public ValueTask<AccessTokenRecord> CreateAccessTokenAsync(long userId, string name, string secretHash, AccessScopes scopes, DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var id = await connection.Sql(
                        "INSERT INTO access_tokens (user_id, name, secret_hash, scopes, created_at, expires_at) VALUES (@user, @name, @hash, @scopes, @now, @expires) RETURNING id",
                        transaction)
                    .With("user", userId).With("name", name).With("hash", secretHash).With("scopes", AccessScopeText.Format(scopes))
                    .With("now", now.ToUnixTimeMilliseconds()).With("expires", expiresAt?.ToUnixTimeMilliseconds())
                    .FirstAsync(r => r.GetInt64(0), 0L, cancellationToken).ConfigureAwait(false);
                var token = await connection.Sql($"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = @id", transaction)
                    .With("id", id).FirstAsync<AccessTokenRecord?>(ReadToken, null, cancellationToken).ConfigureAwait(false);
                return token ?? throw new InvalidOperationException("The token just inserted could not be read back.");
            },
            cancellationToken);

    public ValueTask<AccessTokenRecord?> FindAccessTokenAsync(string secretHash, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql($"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = @hash")
                .With("hash", secretHash).FirstAsync<AccessTokenRecord?>(ReadToken, null, cancellationToken),
            cancellationToken);

    public ValueTask<IReadOnlyList<AccessTokenRecord>> ListAccessTokensAsync(long userId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AccessTokenRecord>>(
            async connection => await connection.Sql($"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.user_id = @user ORDER BY t.id")
                .With("user", userId).ListAsync(ReadToken, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public ValueTask<bool> RevokeAccessTokenAsync(long tokenId, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) => await connection.Sql("DELETE FROM access_tokens WHERE id = @id", transaction).With("id", tokenId)
                .RunAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async ValueTask<T> ReadAsync<T>(Func<NpgsqlConnection, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection).ConfigureAwait(false);
        }
    }

    private async ValueTask<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                T result;
                try
                {
                    result = await work(connection, transaction).ConfigureAwait(false);
                }
                catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
                {
                    throw new MetadataConflictException($"A concurrent change took the same name: {exception.MessageText}", exception);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static async ValueTask LockDigestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string digest, CancellationToken cancellationToken) =>
        await connection.Sql("SELECT pg_advisory_xact_lock(hashtextextended(@digest, 0))", transaction).With("digest", digest)
            .RunAsync(cancellationToken).ConfigureAwait(false);

    private static async ValueTask<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = await connection.Sql("SELECT to_regclass('schema_migrations') IS NOT NULL", transaction)
            .FirstAsync(r => r.GetBoolean(0), false, cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            return 0;
        }

        return await connection.Sql("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction)
            .FirstAsync(r => r.GetInt32(0), 0, cancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<RepositoryRecord?> FindRepositoryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken) =>
        connection.Sql($"SELECT {RepositoryColumns} FROM repositories WHERE name = @name", transaction).With("name", name)
            .FirstAsync<RepositoryRecord?>(ReadRepository, null, cancellationToken);

    private static async ValueTask<RepositoryRecord> EnsureRepositoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewRepository repository, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // ON CONFLICT keeps two concurrent first pushes from failing each other; the loser reads the winner's row.
        await connection.Sql(
                """
                INSERT INTO repositories (name, is_public, owner_user_id, owner_organization_id, created_at, updated_at)
                VALUES (@name, @public, @user, @organization, @now, @now)
                ON CONFLICT (name) DO NOTHING
                """,
                transaction)
            .With("name", repository.Name).With("public", repository.IsPublic).With("user", repository.OwnerUserId)
            .With("organization", repository.OwnerOrganizationId).With("now", now.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken).ConfigureAwait(false);
        return await FindRepositoryAsync(connection, transaction, repository.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Repository '{repository.Name}' vanished while it was being created.");
    }

    private static ValueTask<bool> ReferenceExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long repositoryId, ManifestReference reference, CancellationToken cancellationToken) =>
        connection.Sql(
                reference.Kind == ManifestReferenceKind.Blob
                    ? "SELECT 1 FROM repository_blobs WHERE repository_id = @repository AND digest = @digest"
                    : "SELECT 1 FROM manifests WHERE repository_id = @repository AND digest = @digest",
                transaction)
            .With("repository", repositoryId).With("digest", reference.Digest)
            .FirstAsync(_ => true, false, cancellationToken);

    private static ValueTask<UserRecord?> FindUserAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken) =>
        connection.Sql("SELECT id, name, created_at FROM users WHERE name = @name", transaction).With("name", name)
            .FirstAsync<UserRecord?>(ReadUser, null, cancellationToken);

    private static ValueTask<OrganizationRecord?> FindOrganizationAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken) =>
        connection.Sql("SELECT id, name, created_at FROM organizations WHERE name = @name", transaction).With("name", name)
            .FirstAsync<OrganizationRecord?>(ReadOrganization, null, cancellationToken);

    private static RepositoryRecord ReadRepository(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetBoolean(2), r.GetNullableInt64(3), r.GetNullableInt64(4), FromUnix(r.GetInt64(5)));

    private static ManifestRecord ReadManifest(NpgsqlDataReader r, bool includeContent) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetNullableString(3), r.GetNullableString(4), r.GetInt64(5), includeContent ? (byte[])r.GetValue(7) : null, FromUnix(r.GetInt64(6)));

    private static UserRecord ReadUser(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), FromUnix(r.GetInt64(2)));

    private static OrganizationRecord ReadOrganization(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), FromUnix(r.GetInt64(2)));

    private static AccessTokenRecord ReadToken(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), AccessScopeText.Parse(r.GetString(4)), FromUnix(r.GetInt64(5)), r.GetNullableInt64(6) is { } expires ? FromUnix(expires) : null);

    private static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
