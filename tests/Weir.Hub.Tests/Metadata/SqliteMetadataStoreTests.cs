using Weir.Hub.Metadata;
using Weir.Hub.Metadata.Sqlite;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Metadata;

/// <summary>The metadata contract against the embedded SQLite store.</summary>
public sealed class SqliteMetadataStoreTests : MetadataStoreContract
{
    private readonly TemporaryDirectory directory = new();

    private protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new SqliteMetadataStore(Path.Combine(directory.Path, "hub.db")));

    protected override Task CleanUpAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Database_UsesWriteAheadLogging()
    {
        await Store.MigrateAsync(CancellationToken.None);

        File.Exists(Path.Combine(directory.Path, "hub.db-wal")).Should().BeTrue();
    }
}
