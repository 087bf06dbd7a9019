using System.Text;
using Npgsql;
using Weir.Hub.Metadata.Search;

namespace Weir.Hub.Metadata.Postgres;

/// <summary>The queries behind the hub's web pages: listings and search, stars, download counts, READMEs.</summary>
internal sealed partial class PostgresMetadataStore
{
    private const string SummaryColumns =
        """
        r.id, r.name, r.is_public, r.owner_user_id, r.owner_organization_id, r.description, r.module_description, r.labels, r.abi_versions,
        r.download_count, r.star_count,
        (SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id),
        (SELECT t.name FROM tags t WHERE t.repository_id = r.id ORDER BY t.updated_at DESC, t.name DESC LIMIT 1),
        r.created_at, r.updated_at
        """;

    private const string VisibleToViewer =
        "(r.is_public OR r.owner_user_id = @viewer OR r.owner_organization_id IN (SELECT organization_id FROM organization_members WHERE user_id = @viewer))";

    public ValueTask<AccessTokenRecord?> FindAccessTokenByIdAsync(long tokenId, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql($"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = @id")
                .With("id", tokenId).FirstAsync<AccessTokenRecord?>(ReadToken, null, cancellationToken),
            cancellationToken);

    public ValueTask<IReadOnlyList<OrganizationMember>> ListOrganizationMembersAsync(long organizationId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<OrganizationMember>>(
            async connection => await connection.Sql("SELECT u.id, u.name, m.role FROM organization_members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @organization ORDER BY u.name")
                .With("organization", organizationId)
                .ListAsync(r => new OrganizationMember(r.GetInt64(0), r.GetString(1), r.GetString(2)), cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public ValueTask<IReadOnlyList<OrganizationRecord>> ListUserOrganizationsAsync(long userId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<OrganizationRecord>>(
            async connection => await connection.Sql("SELECT o.id, o.name, o.created_at FROM organization_members m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = @user ORDER BY o.name")
                .With("user", userId).ListAsync(ReadOrganization, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public ValueTask<RepositoryListing> QueryRepositoriesAsync(RepositoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = query.Terms ?? [];
        var filter = new StringBuilder(VisibleToViewer);
        if (query.OwnerUserId is not null)
        {
            filter.Append(" AND r.owner_user_id = @ownerUser");
        }

        if (query.OwnerOrganizationId is not null)
        {
            filter.Append(" AND r.owner_organization_id = @ownerOrganization");
        }

        if (query.StarredByUserId is not null)
        {
            filter.Append(" AND r.id IN (SELECT repository_id FROM repository_stars WHERE user_id = @starredBy)");
        }

        for (var index = 0; index < terms.Count; index++)
        {
            filter.Append($" AND r.id IN (SELECT repository_id FROM repository_terms WHERE term >= @from{index} AND term < @to{index})");
        }

        var order = OrderBy(query.Order);
        var listSql = $"SELECT {SummaryColumns} FROM (SELECT * FROM repositories r WHERE {filter} ORDER BY {order} LIMIT @limit OFFSET @offset) r ORDER BY {order}";
        var countSql = $"SELECT COUNT(*) FROM repositories r WHERE {filter}";

        NpgsqlCommand BindFilter(NpgsqlCommand command)
        {
            command.With("viewer", query.ViewerUserId);
            if (query.OwnerUserId is { } ownerUser)
            {
                command.With("ownerUser", ownerUser);
            }

            if (query.OwnerOrganizationId is { } ownerOrganization)
            {
                command.With("ownerOrganization", ownerOrganization);
            }

            if (query.StarredByUserId is { } starredBy)
            {
                command.With("starredBy", starredBy);
            }

            for (var index = 0; index < terms.Count; index++)
            {
                command.With($"from{index}", terms[index]).With($"to{index}", SearchTerms.UpperBound(terms[index]));
            }

            return command;
        }

        return ReadAsync(
            async connection =>
            {
                var repositories = await BindFilter(connection.Sql(listSql)).With("limit", query.Limit).With("offset", query.Offset)
                    .ListAsync(ReadSummary, cancellationToken).ConfigureAwait(false);
                long? total = query.IncludeTotal
                    ? await BindFilter(connection.Sql(countSql)).FirstAsync(r => r.GetInt64(0), 0L, cancellationToken).ConfigureAwait(false)
                    : null;
                return new RepositoryListing(repositories, total);
            },
            cancellationToken);
    }

    public ValueTask<RepositorySummary?> FindRepositorySummaryAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql($"SELECT {SummaryColumns} FROM repositories r WHERE r.name = @name").With("name", name)
                .FirstAsync<RepositorySummary?>(ReadSummary, null, cancellationToken),
            cancellationToken);

    public ValueTask<IReadOnlyList<TagSummary>> ListTagSummariesAsync(long repositoryId, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TagSummary>>(
            async connection => await connection.Sql(
                    """
                    SELECT t.name, m.digest, m.media_type, m.size,
                           m.size + COALESCE((SELECT SUM(b.size) FROM manifest_references mr
                                              JOIN repository_blobs b ON b.repository_id = m.repository_id AND b.digest = mr.digest
                                              WHERE mr.manifest_id = m.id AND mr.kind = 0), 0)::bigint,
                           m.download_count, t.updated_at
                    FROM tags t JOIN manifests m ON m.id = t.manifest_id
                    WHERE t.repository_id = @repository
                    ORDER BY t.updated_at DESC, t.name
                    LIMIT @limit
                    """)
                .With("repository", repositoryId).With("limit", limit)
                .ListAsync(r => new TagSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), FromUnix(r.GetInt64(6))), cancellationToken)
                .ConfigureAwait(false),
            cancellationToken);

    public async ValueTask UpdateRepositoryProfileAsync(long repositoryId, RepositoryProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await WriteAsync(
            async (connection, transaction) =>
            {
                await connection.Sql("UPDATE repositories SET module_description = @description, abi_versions = @abi WHERE id = @id", transaction)
                    .With("description", profile.ModuleDescription).With("abi", RepositoryLabels.Join(profile.AbiVersions)).With("id", repositoryId)
                    .RunAsync(cancellationToken).ConfigureAwait(false);
                await RewriteTermsAsync(connection, transaction, repositoryId, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask UpdateRepositorySettingsAsync(long repositoryId, string description, IReadOnlyList<string> labels, DateTimeOffset now, CancellationToken cancellationToken) =>
        await WriteAsync(
            async (connection, transaction) =>
            {
                await connection.Sql("UPDATE repositories SET description = @description, labels = @labels, updated_at = @now WHERE id = @id", transaction)
                    .With("description", description).With("labels", RepositoryLabels.Join(labels)).With("now", now.ToUnixTimeMilliseconds()).With("id", repositoryId)
                    .RunAsync(cancellationToken).ConfigureAwait(false);
                await RewriteTermsAsync(connection, transaction, repositoryId, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<IReadOnlyList<string>> ListUnindexedRepositoriesAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(
            async connection => await connection.Sql("SELECT name FROM repositories WHERE indexed_at IS NULL ORDER BY id LIMIT @limit")
                .With("limit", limit).ListAsync(r => r.GetString(0), cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public ValueTask<string?> FindRepositoryReadmeAsync(long repositoryId, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql("SELECT content FROM repository_readmes WHERE repository_id = @repository").With("repository", repositoryId)
                .FirstAsync<string?>(r => r.GetString(0), null, cancellationToken),
            cancellationToken);

    public async ValueTask SetRepositoryReadmeAsync(long repositoryId, string? markdown, DateTimeOffset now, CancellationToken cancellationToken) =>
        await WriteAsync(
            async (connection, transaction) => markdown is null
                ? await connection.Sql("DELETE FROM repository_readmes WHERE repository_id = @repository", transaction).With("repository", repositoryId)
                    .RunAsync(cancellationToken).ConfigureAwait(false)
                : await connection.Sql(
                        """
                        INSERT INTO repository_readmes (repository_id, content, updated_at) VALUES (@repository, @content, @now)
                        ON CONFLICT (repository_id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
                        """,
                        transaction)
                    .With("repository", repositoryId).With("content", markdown).With("now", now.ToUnixTimeMilliseconds())
                    .RunAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

    public ValueTask<long> SetStarAsync(long userId, long repositoryId, bool starred, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var changed = starred
                    ? await connection.Sql("INSERT INTO repository_stars (user_id, repository_id, created_at) VALUES (@user, @repository, @now) ON CONFLICT DO NOTHING", transaction)
                        .With("user", userId).With("repository", repositoryId).With("now", now.ToUnixTimeMilliseconds()).RunAsync(cancellationToken).ConfigureAwait(false)
                    : await connection.Sql("DELETE FROM repository_stars WHERE user_id = @user AND repository_id = @repository", transaction)
                        .With("user", userId).With("repository", repositoryId).RunAsync(cancellationToken).ConfigureAwait(false);
                if (changed > 0)
                {
                    await connection.Sql("UPDATE repositories SET star_count = star_count + @delta WHERE id = @repository", transaction)
                        .With("delta", starred ? 1L : -1L).With("repository", repositoryId).RunAsync(cancellationToken).ConfigureAwait(false);
                }

                return await connection.Sql("SELECT star_count FROM repositories WHERE id = @repository", transaction).With("repository", repositoryId)
                    .FirstAsync(r => r.GetInt64(0), 0L, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public ValueTask<bool> HasStarredAsync(long userId, long repositoryId, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Sql("SELECT 1 FROM repository_stars WHERE user_id = @user AND repository_id = @repository")
                .With("user", userId).With("repository", repositoryId).FirstAsync(_ => true, false, cancellationToken),
            cancellationToken);

    public async ValueTask AddDownloadsAsync(IReadOnlyList<DownloadCount> downloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downloads);
        if (downloads.Count == 0)
        {
            return;
        }

        await WriteAsync(
            async (connection, transaction) =>
            {
                // In id order, so two hub instances flushing at once lock rows in the same order.
                foreach (var download in downloads.OrderBy(d => d.RepositoryId).ThenBy(d => d.ManifestId))
                {
                    var changed = await connection.Sql("UPDATE manifests SET download_count = download_count + @count WHERE id = @manifest AND repository_id = @repository", transaction)
                        .With("count", download.Count).With("manifest", download.ManifestId).With("repository", download.RepositoryId)
                        .RunAsync(cancellationToken).ConfigureAwait(false);
                    if (changed > 0)
                    {
                        await connection.Sql("UPDATE repositories SET download_count = download_count + @count WHERE id = @repository", transaction)
                            .With("count", download.Count).With("repository", download.RepositoryId).RunAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static string OrderBy(RepositoryOrder order) => order switch
    {
        RepositoryOrder.Recent => "r.updated_at DESC, r.id DESC",
        RepositoryOrder.Popular => "r.download_count DESC, r.star_count DESC, r.updated_at DESC, r.id DESC",
        RepositoryOrder.Name => "r.name",
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };

    private static async ValueTask RewriteTermsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long repositoryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var terms = await connection.Sql("SELECT name, description, module_description, labels, abi_versions FROM repositories WHERE id = @id", transaction)
            .With("id", repositoryId)
            .FirstAsync<IReadOnlySet<string>?>(
                r => SearchTerms.ForRepository(r.GetString(0), r.GetString(1), r.GetString(2), RepositoryLabels.Split(r.GetString(3)), RepositoryLabels.Split(r.GetString(4))),
                null,
                cancellationToken).ConfigureAwait(false);
        if (terms is null)
        {
            return;
        }

        await connection.Sql("DELETE FROM repository_terms WHERE repository_id = @id", transaction).With("id", repositoryId).RunAsync(cancellationToken).ConfigureAwait(false);
        if (terms.Count > 0)
        {
            // One statement for all words: unnest pairs each word with the repository.
            var command = connection.Sql("INSERT INTO repository_terms (term, repository_id) SELECT unnest(@terms), @id", transaction).With("id", repositoryId);
            command.Parameters.Add(new NpgsqlParameter("terms", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = terms.ToArray() });
            await command.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        await connection.Sql("UPDATE repositories SET indexed_at = @now WHERE id = @id", transaction)
            .With("now", now.ToUnixTimeMilliseconds()).With("id", repositoryId).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static RepositorySummary ReadSummary(NpgsqlDataReader r) =>
        new(
            r.GetInt64(0),
            r.GetString(1),
            r.GetBoolean(2),
            r.GetNullableInt64(3),
            r.GetNullableInt64(4),
            r.GetString(5),
            r.GetString(6),
            RepositoryLabels.Split(r.GetString(7)),
            RepositoryLabels.Split(r.GetString(8)),
            r.GetInt64(9),
            r.GetInt64(10),
            r.GetInt64(11),
            r.GetNullableString(12),
            FromUnix(r.GetInt64(13)),
            FromUnix(r.GetInt64(14)));
}
