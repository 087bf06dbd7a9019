using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Auth;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Get_WithWriterCredentials_GrantsPullAndPushInAJwtForTheService()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push);
        using var client = hub.CreateClient();

        var token = await TokenFlow.FetchAsync(client, "alice", secret, "repository:alice/filter:pull,push");

        TokenFlow.AccessOf(token).Should().Equal("repository:alice/filter:pull,push");
        var claims = TokenFlow.ClaimsOf(token);
        claims.GetProperty("sub").GetString().Should().Be("alice");
        claims.GetProperty("aud").GetString().Should().Be("weir-hub");
        claims.GetProperty("iss").GetString().Should().Be("weir-hub");
        (claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64()).Should().Be(300);
    }

    [Fact]
    public async Task Get_ResponseCarriesTokenAccessTokenExpiryAndIssueTime()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull);
        using var client = hub.CreateClient("alice", secret);

        using var response = await client.GetAsync("/token?service=weir-hub&scope=repository:alice/filter:pull");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        root.GetProperty("token").GetString().Should().Be(root.GetProperty("access_token").GetString());
        root.GetProperty("expires_in").GetInt32().Should().Be(300);
        DateTimeOffset.Parse(root.GetProperty("issued_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Get_WithReaderCredentialsAskingToPush_GrantsOnlyPull()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull);
        using var client = hub.CreateClient();

        var token = await TokenFlow.FetchAsync(client, "alice", secret, "repository:alice/filter:pull,push");

        TokenFlow.AccessOf(token).Should().Equal("repository:alice/filter:pull");
    }

    [Fact]
    public async Task Get_ForAnotherUsersNamespace_GrantsNoPush()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CreateTokenAsync("alice", AccessScopes.All);
        var secret = await hub.CreateTokenAsync("mallory", AccessScopes.All);
        using var client = hub.CreateClient();

        var token = await TokenFlow.FetchAsync(client, "mallory", secret, "repository:alice/filter:pull,push");

        TokenFlow.AccessOf(token).Should().Equal("repository:alice/filter:pull");
    }

    [Fact]
    public async Task Get_Anonymous_GrantsPullOnPublicRepositoriesOnly()
    {
        await using var hub = await TestHub.StartAsync();
        using var owner = await hub.CreateWriterAsync("alice");
        await TestHub.PushModuleAsync(owner, "alice/public", "v1");
        await TestHub.PushModuleAsync(owner, "alice/private", "v1");
        await hub.Metadata.SetRepositoryVisibilityAsync("alice/public", true, CancellationToken.None);
        using var client = hub.CreateClient();

        var token = await TokenFlow.FetchAsync(client, null, null, "repository:alice/public:pull,push", "repository:alice/private:pull");

        TokenFlow.AccessOf(token).Should().Equal("repository:alice/public:pull");
        TokenFlow.ClaimsOf(token).GetProperty("sub").GetString().Should().BeEmpty();
    }

    [Fact]
    public async Task Get_WithSeveralScopesInOneParameter_GrantsEach()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.All);
        using var client = hub.CreateClient();

        var token = await TokenFlow.FetchAsync(client, "alice", secret, "repository:alice/a:pull repository:alice/b:push registry:catalog:*");

        TokenFlow.AccessOf(token).Should().Equal("repository:alice/a:pull", "repository:alice/b:push", "registry:catalog:*");
    }

    [Fact]
    public async Task Get_WithWrongSecret_Returns401()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CreateTokenAsync("alice", AccessScopes.All);
        using var client = hub.CreateClient("alice", "weir_guessed");

        using var response = await client.GetAsync("/token?service=weir-hub&scope=repository:alice/filter:pull");

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Get_WithAnotherUsersToken_Returns401()
    {
        await using var hub = await TestHub.StartAsync();
        var aliceSecret = await hub.CreateTokenAsync("alice", AccessScopes.All);
        await hub.CreateTokenAsync("bob", AccessScopes.All);
        using var client = hub.CreateClient("bob", aliceSecret);

        using var response = await client.GetAsync("/token?service=weir-hub&scope=repository:alice/filter:pull");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_WithExpiredAccessToken_Returns401()
    {
        await using var hub = await TestHub.StartAsync();
        var service = (AccessTokenService)hub.Server.Services.GetService(typeof(AccessTokenService))!;
        var (secret, _, _) = await service.CreateAsync("alice", AccessScopes.All, "old", DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        using var client = hub.CreateClient("alice", secret);

        using var response = await client.GetAsync("/token?service=weir-hub&scope=repository:alice/filter:pull");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_PasswordGrant_ReturnsAnAccessTokenWithScope()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push);
        using var client = hub.CreateClient();

        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "alice",
            ["password"] = secret,
            ["service"] = "weir-hub",
            ["client_id"] = "containerd-client",
            ["scope"] = "repository:alice/filter:pull,push",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        TokenFlow.AccessOf(document.RootElement.GetProperty("access_token").GetString()!).Should().Equal("repository:alice/filter:pull,push");
        document.RootElement.GetProperty("scope").GetString().Should().Be("repository:alice/filter:pull,push");
    }

    [Fact]
    public async Task Post_RefreshTokenGrant_ReturnsUnsupportedGrantType()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = hub.CreateClient();

        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = "x",
            ["client_id"] = "containerd-client",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("unsupported_grant_type");
    }

    [Fact]
    public async Task RepeatedWrongCredentials_AreThrottledWithTooManyRequests()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.MaxFailedLoginsPerMinute = 3);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.All);
        using var guesser = hub.CreateClient("alice", "weir_wrong");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var refused = await guesser.GetAsync("/v2/");
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var throttled = await guesser.GetAsync("/v2/");
        using var evenWithTheRightSecret = await hub.CreateClient("alice", secret).GetAsync("/token?scope=repository:alice/x:pull");

        await throttled.ShouldBeErrorAsync(HttpStatusCode.TooManyRequests, "TOOMANYREQUESTS");
        throttled.Headers.RetryAfter!.Delta.Should().BePositive();
        evenWithTheRightSecret.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Registry_AcceptsTheIssuedBearerToken()
    {
        await using var hub = await TestHub.StartAsync();
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull);
        using var client = hub.CreateClient();
        var token = await TokenFlow.FetchAsync(client, "alice", secret);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/v2/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.ASCII.GetString(Convert.FromBase64String(token.Split('.')[0].PadRight((token.Split('.')[0].Length + 3) / 4 * 4, '=')))
            .Should().Contain("\"alg\":\"HS256\"");
    }
}
