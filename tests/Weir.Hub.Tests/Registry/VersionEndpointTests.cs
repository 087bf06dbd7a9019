using System.Net;
using System.Net.Http.Headers;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class VersionEndpointTests
{
    [Fact]
    public async Task Base_Anonymous_ChallengesWithBearerRealmAndService()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = hub.CreateClient();

        using var response = await client.GetAsync("/v2/");

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"http://localhost/token\",service=\"weir-hub\"");
        response.Header("Docker-Distribution-Api-Version").Should().Be("registry/2.0");
    }

    [Fact]
    public async Task Base_WithAccessToken_Returns200()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = hub.CreateClient("alice", await hub.CreateTokenAsync("alice", AccessScopes.Pull));

        using var response = await client.GetAsync("/v2/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Header("Docker-Distribution-Api-Version").Should().Be("registry/2.0");
    }

    [Fact]
    public async Task Base_WithoutTrailingSlash_AnswersLikeBase()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.GetAsync("/v2");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Base_WithWrongSecret_ChallengesWithInvalidToken()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CreateTokenAsync("alice", AccessScopes.Pull);
        using var client = hub.CreateClient("alice", "weir_not-a-real-token");

        using var response = await client.GetAsync("/v2/");

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task Base_WithForgedBearer_ChallengesWithInvalidToken()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = hub.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl");

        using var response = await client.GetAsync("/v2/");

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task UnknownEndpoint_UnderV2_Returns404WithErrorJson()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.GetAsync("/v2/alice/filter/nothing-here");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "UNSUPPORTED");
    }

    [Fact]
    public async Task KnownEndpoint_WithUnsupportedMethod_Returns405Unsupported()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.PostAsync("/v2/alice/filter/manifests/v1", new ByteArrayContent([]));

        await response.ShouldBeErrorAsync(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }
}
