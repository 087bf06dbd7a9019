using Weir.Hub.Metadata;
using Weir.Hub.Metadata.Postgres;
using Weir.Hub.Tests.Metadata;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Web.Metadata;

/// <summary>The web pages' metadata contract against PostgreSQL (<c>WEIR_TEST_POSTGRES</c>), each test in its own schema.</summary>
[RequiresPostgres]
public sealed class PostgresWebMetadataTests : WebMetadataContract
{
    private PostgresTestDatabase? database;

    private protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        database = await PostgresTestDatabase.CreateAsync();
        return new PostgresMetadataStore(database.ConnectionString);
    }

    protected override async Task CleanUpAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
