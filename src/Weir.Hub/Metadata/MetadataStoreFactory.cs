using Weir.Hub.Metadata.Postgres;
using Weir.Hub.Metadata.Sqlite;

namespace Weir.Hub.Metadata;

/// <summary>Opens the metadata store a database URL names and brings its schema up to date.</summary>
internal static class MetadataStoreFactory
{
    /// <param name="databaseUrl"><c>postgres://…</c>, <c>sqlite:PATH</c>, a plain file path, or null for <paramref name="defaultSqlitePath"/>.</param>
    /// <param name="defaultSqlitePath">The SQLite file used when no URL is given.</param>
    /// <param name="cancellationToken">Cancels connecting and migrating.</param>
    public static async ValueTask<IMetadataStore> OpenAsync(string? databaseUrl, string defaultSqlitePath, CancellationToken cancellationToken)
    {
        IMetadataStore store;
        if (string.IsNullOrWhiteSpace(databaseUrl))
        {
            store = new SqliteMetadataStore(defaultSqlitePath);
        }
        else if (PostgresDatabaseUrl.IsPostgres(databaseUrl))
        {
            store = new PostgresMetadataStore(PostgresDatabaseUrl.ToConnectionString(databaseUrl));
        }
        else if (databaseUrl.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            // sqlite:relative/path, sqlite:///absolute/path
            var path = databaseUrl["sqlite:".Length..];
            store = new SqliteMetadataStore(path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path);
        }
        else if (databaseUrl.Contains("://", StringComparison.Ordinal))
        {
            throw new FormatException($"Unsupported database URL '{PostgresDatabaseUrl.Redact(databaseUrl)}'; use postgres://user:password@host:port/database or a path to an SQLite file.");
        }
        else
        {
            store = new SqliteMetadataStore(databaseUrl);
        }

        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
