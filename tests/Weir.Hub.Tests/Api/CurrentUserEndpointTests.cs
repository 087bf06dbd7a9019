using System.Net;
using System.Text.Json;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Api;

public sealed class CurrentUserEndpointTests
{
    [Fact]
    public async Task CurrentUser_WithValidCredentials_ReturnsTheUserLikeWasmeExpects()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = hub.CreateClient("alice", await hub.CreateTokenAsync("alice", AccessScopes.Pull));

        using var response = await client.GetAsync("/api/users/current");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("username").GetString().Should().Be("alice");
        document.RootElement.GetProperty("user_id").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task CurrentUser_WithoutValidCredentials_Returns401WithBasicChallenge()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CreateTokenAsync("alice", AccessScopes.Pull);

        using var anonymous = await hub.CreateClient().GetAsync("/api/users/current");
        using var wrong = await hub.CreateClient("alice", "weir_wrong").GetAsync("/api/users/current");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"weir-hub\"");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
