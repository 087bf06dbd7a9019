using Weir.Hub.Metadata;
using Weir.Hub.Metadata.Sqlite;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Web.Metadata;

/// <summary>The web pages' metadata contract against the embedded SQLite store.</summary>
public sealed class SqliteWebMetadataTests : WebMetadataContract
{
    private readonly TemporaryDirectory directory = new();

    private protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new SqliteMetadataStore(Path.Combine(directory.Path, "hub.db")));

    protected override Task CleanUpAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }
}
