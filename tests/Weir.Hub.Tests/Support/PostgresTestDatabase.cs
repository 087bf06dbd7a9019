using Npgsql;
using Weir.Hub.Metadata.Postgres;

namespace Weir.Hub.Tests.Support;

/// <summary>
/// The PostgreSQL server tests run against, named by <c>WEIR_TEST_POSTGRES</c>
/// (e.g. postgres://weir:weir@127.0.0.1:5432/weir, as printed by <c>.ci/postgres</c>). Each test gets
/// its own schema, dropped afterwards, so tests never see each other's rows.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "WEIR_TEST_POSTGRES";

    private readonly string adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string schema, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        Schema = schema;
        ConnectionString = connectionString;
    }

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    /// <summary>Why Postgres tests are skipped here, or null when they must run (configured, or on CI where missing configuration is a failure).</summary>
    public static string? SkipReason =>
        Url is null && !ExternalTool.IsCi
            ? $"{Variable} is not set (run .ci/postgres and export its URL); CI=true makes these tests fail instead of skipping."
            : null;

    public string Schema { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var url = Url ?? throw new InvalidOperationException($"{Variable} must name a PostgreSQL database on CI (see .ci/postgres).");
        var admin = PostgresDatabaseUrl.ToConnectionString(url);
        var schema = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var isolated = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema, Pooling = false }.ConnectionString;
        return new PostgresTestDatabase(admin, schema, isolated);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
