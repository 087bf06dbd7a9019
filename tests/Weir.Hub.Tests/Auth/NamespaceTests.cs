using System.Net;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Auth;

public sealed class NamespaceTests
{
    [Fact]
    public async Task Push_ToANewRepositoryInOwnNamespace_CreatesItPrivateAndOwnedByThePusher()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync("alice");

        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        var repository = await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None);
        var alice = await hub.Metadata.FindUserAsync("alice", CancellationToken.None);
        repository!.OwnerUserId.Should().Be(alice!.Id);
        repository.IsPublic.Should().BeFalse();
        using var anonymous = await hub.CreateClient().GetAsync("/v2/alice/filter/manifests/v1");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Push_WithPublicByDefault_CreatesAnAnonymouslyPullableRepository()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.NewRepositoriesArePublic = true);
        using var client = await hub.CreateWriterAsync("alice");

        await TestHub.PushModuleAsync(client, "alice/filter", "v1");

        using var anonymous = await hub.CreateClient().GetAsync("/v2/alice/filter/manifests/v1");
        anonymous.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Push_ToAnUnclaimedNamespace_CreatesARepositoryOwnedByThePusher()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync("alice");

        await TestHub.PushModuleAsync(client, "tools/filter", "v1");

        var alice = await hub.Metadata.FindUserAsync("alice", CancellationToken.None);
        (await hub.Metadata.FindRepositoryAsync("tools/filter", CancellationToken.None))!.OwnerUserId.Should().Be(alice!.Id);
    }

    [Fact]
    public async Task Push_IntoAnotherUsersNamespace_ReturnsDeniedAndCreatesNothing()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CreateTokenAsync("alice", AccessScopes.Pull);
        using var mallory = await hub.CreateWriterAsync("mallory");
        var blob = "x"u8.ToArray();

        using var response = await mallory.PostAsync($"/v2/alice/filter/blobs/uploads/?digest={TestHub.DigestOf(blob)}", new ByteArrayContent(blob));

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, "DENIED");
        (await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().BeNull();
        hub.BlobFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Push_IntoAnOrganisationAsMember_CreatesARepositoryOwnedByTheOrganisation()
    {
        await using var hub = await TestHub.StartAsync();
        using var alice = await hub.CreateWriterAsync("alice");
        var bobSecret = await hub.CreateTokenAsync("bob", AccessScopes.All);
        var aliceRecord = await hub.Metadata.FindUserAsync("alice", CancellationToken.None);
        var bobRecord = await hub.Metadata.FindUserAsync("bob", CancellationToken.None);
        var team = await hub.Metadata.CreateOrganizationAsync("team", aliceRecord!.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        await hub.Metadata.AddOrganizationMemberAsync(team.Id, bobRecord!.Id, "member", CancellationToken.None);
        using var bob = hub.CreateClient("bob", bobSecret);

        await TestHub.PushModuleAsync(bob, "team/filter", "v1");
        using var pulledByAlice = await alice.GetAsync("/v2/team/filter/manifests/v1");

        (await hub.Metadata.FindRepositoryAsync("team/filter", CancellationToken.None))!.OwnerOrganizationId.Should().Be(team.Id);
        pulledByAlice.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Push_IntoAnOrganisationAsOutsider_ReturnsDenied()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CreateTokenAsync("alice", AccessScopes.All);
        var alice = await hub.Metadata.FindUserAsync("alice", CancellationToken.None);
        await hub.Metadata.CreateOrganizationAsync("team", alice!.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        using var outsider = await hub.CreateWriterAsync("mallory");
        var blob = "x"u8.ToArray();

        using var response = await outsider.PostAsync($"/v2/team/filter/blobs/uploads/?digest={TestHub.DigestOf(blob)}", new ByteArrayContent(blob));

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, "DENIED");
    }

    [Fact]
    public async Task Delete_WithoutDeleteScope_ReturnsDenied()
    {
        await using var hub = await TestHub.StartAsync();
        using var owner = await hub.CreateWriterAsync("alice");
        await TestHub.PushModuleAsync(owner, "alice/filter", "v1");
        using var writer = hub.CreateClient("alice", await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push));

        using var response = await writer.DeleteAsync("/v2/alice/filter/manifests/v1");

        await response.ShouldBeErrorAsync(HttpStatusCode.Forbidden, "DENIED");
    }
}
