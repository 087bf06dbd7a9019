using System.Net;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Storage;

public sealed class PostgresHubTests
{
    [PostgresFact]
    public async Task Hub_OnPostgres_PushesPullsAndListsLikeOnSqlite()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var url = $"{PostgresTestDatabase.Url!.TrimEnd('/')}{(PostgresTestDatabase.Url!.Contains('?', StringComparison.Ordinal) ? "&" : "?")}search_path={database.Schema}";
        await using var hub = await TestHub.StartAsync(configure: options => options.DatabaseUrl = url);
        using var client = await hub.CreateWriterAsync();

        var (manifest, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        using var pulled = await client.GetAsync("/v2/alice/filter/manifests/v1");
        using var tags = await client.GetAsync("/v2/alice/filter/tags/list");

        pulled.StatusCode.Should().Be(HttpStatusCode.OK);
        pulled.Headers.GetValues("Docker-Content-Digest").Single().Should().Be(digest);
        (await pulled.Content.ReadAsByteArrayAsync()).Should().Equal(manifest);
        (await tags.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"alice/filter\",\"tags\":[\"v1\"]}");
        File.Exists(Path.Combine(hub.DataDirectory, "hub.db")).Should().BeFalse();
    }
}
