using System.Net;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class CatalogEndpointTests
{
    [Fact]
    public async Task Get_PagesRepositoriesInByteOrderWithLink()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        foreach (var name in new[] { "alice/c", "alice/a", "alice/b" })
        {
            await TestHub.PushModuleAsync(client, name, "v1");
        }

        using var first = await client.GetAsync("/v2/_catalog?n=2");
        using var second = await client.GetAsync("/v2/_catalog?n=2&last=alice%2Fb");

        (await first.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[\"alice/a\",\"alice/b\"]}");
        first.Headers.GetValues("Link").Single().Should().Be("</v2/_catalog?last=alice%2Fb&n=2>; rel=\"next\"");
        (await second.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[\"alice/c\"]}");
    }

    [Fact]
    public async Task Get_ListsOnlyRepositoriesTheCallerCanPull()
    {
        await using var hub = await TestHub.StartAsync();
        using var alice = await hub.CreateWriterAsync("alice");
        using var bob = await hub.CreateWriterAsync("bob");
        await TestHub.PushModuleAsync(alice, "alice/private", "v1");
        await TestHub.PushModuleAsync(alice, "alice/public", "v1");
        await TestHub.PushModuleAsync(bob, "bob/private", "v1");
        await hub.Metadata.SetRepositoryVisibilityAsync("alice/public", true, CancellationToken.None);

        using var asAlice = await alice.GetAsync("/v2/_catalog");
        using var asBob = await bob.GetAsync("/v2/_catalog");
        using var anonymous = await hub.CreateClient().GetAsync("/v2/_catalog");

        (await asAlice.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[\"alice/private\",\"alice/public\"]}");
        (await asBob.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[\"alice/public\",\"bob/private\"]}");
        (await anonymous.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[\"alice/public\"]}");
    }

    [Fact]
    public async Task Get_IncludesOrganisationRepositoriesForMembers()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.All);
        var alice = await hub.Metadata.FindUserAsync("alice", CancellationToken.None);
        await hub.Metadata.CreateOrganizationAsync("team", alice!.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        using var client = hub.CreateClient("alice", secret);
        await TestHub.PushModuleAsync(client, "team/filter", "v1");
        using var outsider = await hub.CreateWriterAsync("bob");

        using var member = await client.GetAsync("/v2/_catalog");
        using var other = await outsider.GetAsync("/v2/_catalog");

        (await member.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[\"team/filter\"]}");
        (await other.Content.ReadAsStringAsync()).Should().Be("{\"repositories\":[]}");
    }
}
