using System.Text;
using Weir.Hub.Metadata.Search;

namespace Weir.Hub.Metadata.Sqlite;

/// <summary>The queries behind the hub's web pages: listings and search, stars, download counts, READMEs.</summary>
internal sealed partial class SqliteMetadataStore
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
        "(r.is_public = 1 OR r.owner_user_id = $viewer OR r.owner_organization_id IN (SELECT organization_id FROM organization_members WHERE user_id = $viewer))";

    public ValueTask<AccessTokenRecord?> FindAccessTokenByIdAsync(long tokenId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<AccessTokenRecord?>(
            $"SELECT {TokenColumns} FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $id",
            s => s.Bind("$id", tokenId),
            ReadToken,
            null)));

    public ValueTask<IReadOnlyList<OrganizationMember>> ListOrganizationMembersAsync(long organizationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OrganizationMember>>(database.Read(connection => connection.Query(
            "SELECT u.id, u.name, m.role FROM organization_members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $organization ORDER BY u.name",
            s => s.Bind("$organization", organizationId),
            s => new OrganizationMember(s.GetInt64(0), s.GetText(1), s.GetText(2)))));

    public ValueTask<IReadOnlyList<OrganizationRecord>> ListUserOrganizationsAsync(long userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OrganizationRecord>>(database.Read(connection => connection.Query(
            "SELECT o.id, o.name, o.created_at FROM organization_members m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = $user ORDER BY o.name",
            s => s.Bind("$user", userId),
            s => new OrganizationRecord(s.GetInt64(0), s.GetText(1), FromUnix(s.GetInt64(2))))));

    public ValueTask<RepositoryListing> QueryRepositoriesAsync(RepositoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = query.Terms ?? [];
        var filter = new StringBuilder(VisibleToViewer);
        if (query.OwnerUserId is not null)
        {
            filter.Append(" AND r.owner_user_id = $ownerUser");
        }

        if (query.OwnerOrganizationId is not null)
        {
            filter.Append(" AND r.owner_organization_id = $ownerOrganization");
        }

        if (query.StarredByUserId is not null)
        {
            filter.Append(" AND r.id IN (SELECT repository_id FROM repository_stars WHERE user_id = $starredBy)");
        }

        for (var index = 0; index < terms.Count; index++)
        {
            filter.Append($" AND r.id IN (SELECT repository_id FROM repository_terms WHERE term >= $from{index} AND term < $to{index})");
        }

        var order = OrderBy(query.Order);
        var listSql = $"SELECT {SummaryColumns} FROM (SELECT * FROM repositories r WHERE {filter} ORDER BY {order} LIMIT $limit OFFSET $offset) r ORDER BY {order}";
        var countSql = $"SELECT COUNT(*) FROM repositories r WHERE {filter}";

        void BindFilter(SqliteStatement s)
        {
            s.Bind("$viewer", query.ViewerUserId);
            if (query.OwnerUserId is { } ownerUser)
            {
                s.Bind("$ownerUser", ownerUser);
            }

            if (query.OwnerOrganizationId is { } ownerOrganization)
            {
                s.Bind("$ownerOrganization", ownerOrganization);
            }

            if (query.StarredByUserId is { } starredBy)
            {
                s.Bind("$starredBy", starredBy);
            }

            for (var index = 0; index < terms.Count; index++)
            {
                s.Bind($"$from{index}", terms[index]).Bind($"$to{index}", SearchTerms.UpperBound(terms[index]));
            }
        }

        return ValueTask.FromResult(database.Read(connection =>
        {
            var repositories = connection.Query(
                listSql,
                s =>
                {
                    BindFilter(s);
                    s.Bind("$limit", (long)query.Limit).Bind("$offset", (long)query.Offset);
                },
                ReadSummary);
            long? total = query.IncludeTotal ? connection.QueryFirst(countSql, BindFilter, s => s.GetInt64(0), 0L) : null;
            return new RepositoryListing(repositories, total);
        }));
    }

    public ValueTask<RepositorySummary?> FindRepositorySummaryAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<RepositorySummary?>(
            $"SELECT {SummaryColumns} FROM repositories r WHERE r.name = $name",
            s => s.Bind("$name", name),
            ReadSummary,
            null)));

    public ValueTask<IReadOnlyList<TagSummary>> ListTagSummariesAsync(long repositoryId, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TagSummary>>(database.Read(connection => connection.Query(
            """
            SELECT t.name, m.digest, m.media_type, m.size,
                   m.size + COALESCE((SELECT SUM(b.size) FROM manifest_references mr
                                      JOIN repository_blobs b ON b.repository_id = m.repository_id AND b.digest = mr.digest
                                      WHERE mr.manifest_id = m.id AND mr.kind = 0), 0),
                   m.download_count, t.updated_at
            FROM tags t JOIN manifests m ON m.id = t.manifest_id
            WHERE t.repository_id = $repository
            ORDER BY t.updated_at DESC, t.name
            LIMIT $limit
            """,
            s => s.Bind("$repository", repositoryId).Bind("$limit", (long)limit),
            s => new TagSummary(s.GetText(0), s.GetText(1), s.GetText(2), s.GetInt64(3), s.GetInt64(4), s.GetInt64(5), FromUnix(s.GetInt64(6))))));

    public async ValueTask UpdateRepositoryProfileAsync(long repositoryId, RepositoryProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await database.WriteAsync(
            connection =>
            {
                connection.Execute(
                    "UPDATE repositories SET module_description = $description, abi_versions = $abi WHERE id = $id",
                    s => s.Bind("$description", profile.ModuleDescription).Bind("$abi", RepositoryLabels.Join(profile.AbiVersions)).Bind("$id", repositoryId));
                RewriteTerms(connection, repositoryId, now);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask UpdateRepositorySettingsAsync(long repositoryId, string description, IReadOnlyList<string> labels, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                connection.Execute(
                    "UPDATE repositories SET description = $description, labels = $labels, updated_at = $now WHERE id = $id",
                    s => s.Bind("$description", description).Bind("$labels", RepositoryLabels.Join(labels)).Bind("$now", now.ToUnixTimeMilliseconds()).Bind("$id", repositoryId));
                RewriteTerms(connection, repositoryId, now);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<IReadOnlyList<string>> ListUnindexedRepositoriesAsync(int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(database.Read(connection => connection.Query(
            "SELECT name FROM repositories WHERE indexed_at IS NULL ORDER BY id LIMIT $limit",
            s => s.Bind("$limit", (long)limit),
            s => s.GetText(0))));

    public ValueTask<string?> FindRepositoryReadmeAsync(long repositoryId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst<string?>(
            "SELECT content FROM repository_readmes WHERE repository_id = $repository",
            s => s.Bind("$repository", repositoryId),
            s => s.GetText(0),
            null)));

    public async ValueTask SetRepositoryReadmeAsync(long repositoryId, string? markdown, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection => markdown is null
                ? connection.Execute("DELETE FROM repository_readmes WHERE repository_id = $repository", s => s.Bind("$repository", repositoryId))
                : connection.Execute(
                    """
                    INSERT INTO repository_readmes (repository_id, content, updated_at) VALUES ($repository, $content, $now)
                    ON CONFLICT (repository_id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
                    """,
                    s => s.Bind("$repository", repositoryId).Bind("$content", markdown).Bind("$now", now.ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<long> SetStarAsync(long userId, long repositoryId, bool starred, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.WriteAsync(
            connection =>
            {
                var changed = starred
                    ? connection.Execute(
                        "INSERT INTO repository_stars (user_id, repository_id, created_at) VALUES ($user, $repository, $now) ON CONFLICT DO NOTHING",
                        s => s.Bind("$user", userId).Bind("$repository", repositoryId).Bind("$now", now.ToUnixTimeMilliseconds()))
                    : connection.Execute(
                        "DELETE FROM repository_stars WHERE user_id = $user AND repository_id = $repository",
                        s => s.Bind("$user", userId).Bind("$repository", repositoryId));
                if (changed > 0)
                {
                    connection.Execute(
                        "UPDATE repositories SET star_count = star_count + $delta WHERE id = $repository",
                        s => s.Bind("$delta", starred ? 1L : -1L).Bind("$repository", repositoryId));
                }

                return connection.QueryFirst("SELECT star_count FROM repositories WHERE id = $repository", s => s.Bind("$repository", repositoryId), s => s.GetInt64(0), 0L);
            },
            cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> HasStarredAsync(long userId, long repositoryId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(connection => connection.QueryFirst(
            "SELECT 1 FROM repository_stars WHERE user_id = $user AND repository_id = $repository",
            s => s.Bind("$user", userId).Bind("$repository", repositoryId),
            _ => true,
            false)));

    public async ValueTask AddDownloadsAsync(IReadOnlyList<DownloadCount> downloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downloads);
        if (downloads.Count == 0)
        {
            return;
        }

        await database.WriteAsync(
            connection =>
            {
                foreach (var download in downloads)
                {
                    var changed = connection.Execute(
                        "UPDATE manifests SET download_count = download_count + $count WHERE id = $manifest AND repository_id = $repository",
                        s => s.Bind("$count", download.Count).Bind("$manifest", download.ManifestId).Bind("$repository", download.RepositoryId));
                    if (changed > 0)
                    {
                        connection.Execute(
                            "UPDATE repositories SET download_count = download_count + $count WHERE id = $repository",
                            s => s.Bind("$count", download.Count).Bind("$repository", download.RepositoryId));
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

    private static void RewriteTerms(SqliteConnection connection, long repositoryId, DateTimeOffset now)
    {
        var terms = connection.QueryFirst<IReadOnlySet<string>?>(
            "SELECT name, description, module_description, labels, abi_versions FROM repositories WHERE id = $id",
            s => s.Bind("$id", repositoryId),
            s => SearchTerms.ForRepository(s.GetText(0), s.GetText(1), s.GetText(2), RepositoryLabels.Split(s.GetText(3)), RepositoryLabels.Split(s.GetText(4))),
            null);
        if (terms is null)
        {
            return;
        }

        connection.Execute("DELETE FROM repository_terms WHERE repository_id = $id", s => s.Bind("$id", repositoryId));
        foreach (var term in terms)
        {
            connection.Execute(
                "INSERT INTO repository_terms (term, repository_id) VALUES ($term, $id)",
                s => s.Bind("$term", term).Bind("$id", repositoryId));
        }

        connection.Execute("UPDATE repositories SET indexed_at = $now WHERE id = $id", s => s.Bind("$now", now.ToUnixTimeMilliseconds()).Bind("$id", repositoryId));
    }

    private static RepositorySummary ReadSummary(SqliteStatement s) =>
        new(
            s.GetInt64(0),
            s.GetText(1),
            s.GetInt64(2) != 0,
            s.GetNullableInt64(3),
            s.GetNullableInt64(4),
            s.GetText(5),
            s.GetText(6),
            RepositoryLabels.Split(s.GetText(7)),
            RepositoryLabels.Split(s.GetText(8)),
            s.GetInt64(9),
            s.GetInt64(10),
            s.GetInt64(11),
            s.GetNullableText(12),
            FromUnix(s.GetInt64(13)),
            FromUnix(s.GetInt64(14)));
}
