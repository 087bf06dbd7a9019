using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Web.Support;

namespace Weir.Hub.Tests.Web.Pages;

/// <summary>Signing in with a token, the session cookie, anti-forgery, stars, visibility, settings and token management.</summary>
public sealed class SessionAndFormTests
{
    [Fact]
    public async Task SignIn_WithAccessToken_SetsAnHttpOnlyStrictSessionCookie_AndSignOutEndsIt()
    {
        await using var web = await WebHub.StartAsync();
        var token = await web.TokenAsync("alice");
        using var browser = web.Browser();

        using var signIn = await browser.SignInAsync("alice", token);
        var home = WebHub.Text((await browser.GetAsync("/")).Html);
        using var signOut = await browser.SubmitAsync("/", "/sign-out", new Dictionary<string, string>());
        var afterSignOut = WebHub.Text((await browser.GetAsync("/")).Html);

        signIn.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.ToString().Should().Be("/users/alice");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("weir_session=", StringComparison.Ordinal));
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict").And.ContainEquivalentOf("path=/");
        cookie.Should().NotContain(token, "the cookie holds no token secret");
        home.Should().Contain("alice").And.Contain("Sign out").And.Contain("you can see");
        signOut.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        afterSignOut.Should().Contain("Sign in").And.NotContain("Sign out");
    }

    [Fact]
    public async Task SignIn_WithAReturnPath_GoesBackThere_ButNeverToAnotherSite()
    {
        await using var web = await WebHub.StartAsync();
        var token = await web.TokenAsync("alice");
        using var browser = web.Browser();

        using var local = await browser.SubmitAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["user"] = "alice", ["token"] = token, ["return"] = "/search?q=x" });
        using var foreign = await browser.SubmitAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["user"] = "alice", ["token"] = token, ["return"] = "//evil.example/" });

        local.Headers.Location!.ToString().Should().Be("/search?q=x");
        foreign.Headers.Location!.ToString().Should().Be("/users/alice");
    }

    [Fact]
    public async Task SignIn_WrongTokens_AreRefusedThenThrottled()
    {
        await using var web = await WebHub.StartAsync(options => options.MaxFailedLoginsPerMinute = 2);
        await web.TokenAsync("alice");
        using var browser = web.Browser();
        var wrong = new Dictionary<string, string> { ["user"] = "alice", ["token"] = "weir_wrong" };

        using var first = await browser.SubmitAsync("/sign-in", "/sign-in", wrong);
        using var second = await browser.SubmitAsync("/sign-in", "/sign-in", wrong);
        using var third = await browser.SubmitAsync("/sign-in", "/sign-in", wrong);

        first.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebHub.Text(await first.Content.ReadAsStringAsync()).Should().Contain("do not match a valid token");
        (first.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).Should().NotContain(value => value.StartsWith("weir_session=", StringComparison.Ordinal));
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task SignIn_TokenWithoutPullScope_IsRefused()
    {
        await using var web = await WebHub.StartAsync();
        var pushOnly = await web.TokenAsync("alice", AccessScopes.Push);
        using var browser = web.Browser();

        using var response = await browser.SignInAsync("alice", pushOnly);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebHub.Text(await response.Content.ReadAsStringAsync()).Should().Contain("needs a token with the pull scope");
    }

    [Fact]
    public async Task Forms_WithoutAnAntiforgeryToken_AreRejectedAndChangeNothing()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        var token = await web.TokenAsync("alice");
        using var owner = await web.SignedInAsync("alice");

        using var star = await owner.PostWithoutTokenAsync("/r/alice/add-header/-/star", new Dictionary<string, string> { ["star"] = "true" });
        using var hide = await owner.PostWithoutTokenAsync("/r/alice/add-header/-/visibility", new Dictionary<string, string> { ["visibility"] = "private" });
        using var forged = await owner.PostWithoutTokenAsync("/r/alice/add-header/-/visibility", new Dictionary<string, string> { ["visibility"] = "private", ["_csrf"] = "forged" });
        using var signIn = await web.Browser().PostWithoutTokenAsync("/sign-in", new Dictionary<string, string> { ["user"] = "alice", ["token"] = token });

        star.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        hide.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        signIn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var summary = await web.Hub.Metadata.FindRepositorySummaryAsync("alice/add-header", CancellationToken.None);
        summary!.Stars.Should().Be(0);
        summary.IsPublic.Should().BeTrue();
    }

    [Fact]
    public async Task AntiforgeryToken_FromAnotherAccountsSession_IsRejected()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var mallory = await web.SignedInAsync("mallory");
        using var victim = await web.SignedInAsync("bob");
        var malloryToken = BrowserSession.AntiforgeryToken((await mallory.GetAsync("/r/alice/add-header")).Html)!;

        using var response = await victim.PostWithoutTokenAsync("/r/alice/add-header/-/star", new Dictionary<string, string> { ["star"] = "true", ["_csrf"] = malloryToken });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await web.Hub.Metadata.FindRepositorySummaryAsync("alice/add-header", CancellationToken.None))!.Stars.Should().Be(0);
    }

    [Fact]
    public async Task Star_SignedInViewer_StarsAndUnstars_AnonymousIsSentToSignIn()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var bob = await web.SignedInAsync("bob", AccessScopes.Pull);

        using var star = await bob.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/star", new Dictionary<string, string> { ["star"] = "true" });
        var starred = WebHub.Text((await bob.GetAsync("/r/alice/add-header?done=starred")).Html);
        using var unstar = await bob.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/star", new Dictionary<string, string> { ["star"] = "false" });
        var unstarred = WebHub.Text((await bob.GetAsync("/r/alice/add-header")).Html);
        var anonymous = WebHub.Text((await web.Browser().GetAsync("/r/alice/add-header")).Html);

        star.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        star.Headers.Location!.ToString().Should().Be("/r/alice/add-header?done=starred");
        starred.Should().Contain("Starred.").And.Contain("★ Starred").And.MatchRegex(@"Stars\s+1");
        unstar.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        unstarred.Should().Contain("☆ Star").And.MatchRegex(@"Stars\s+0");
        anonymous.Should().Contain("Sign in to star this repository.");
    }

    [Fact]
    public async Task Visibility_OwnerWithAdminToken_MakesTheRepositoryPrivate_AndAnonymousVisitorsLoseIt()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var owner = await web.SignedInAsync("alice", AccessScopes.Admin);
        using var anonymous = web.Browser();
        (await anonymous.GetAsync("/r/alice/add-header")).Status.Should().Be(HttpStatusCode.OK);

        using var response = await owner.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/visibility", new Dictionary<string, string> { ["visibility"] = "private" });

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        WebHub.Text((await owner.GetAsync(response.Headers.Location!.ToString())).Html).Should().Contain("The repository is now private");
        (await anonymous.GetAsync("/r/alice/add-header")).Status.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/search?q=header")).Html.Should().NotContain("alice/add-header");
        using var pull = await web.Hub.CreateClient().GetAsync("/v2/alice/add-header/manifests/v1");
        pull.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the registry applies the same visibility");
    }

    [Fact]
    public async Task Settings_OthersAndSessionsWithoutAdminScope_CannotChangeTheRepository()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var ownerPullOnly = await web.SignedInAsync("alice", AccessScopes.Pull);
        using var stranger = await web.SignedInAsync("bob");

        var ownerPage = (await ownerPullOnly.GetAsync("/r/alice/add-header")).Html;
        using var byOwner = await ownerPullOnly.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/visibility", new Dictionary<string, string> { ["visibility"] = "private" });
        using var byStranger = await stranger.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/settings", new Dictionary<string, string> { ["description"] = "mine now", ["labels"] = "" });

        ownerPage.Should().NotContain("Save visibility", "settings are offered only to sessions that may use them");
        byOwner.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byStranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var summary = await web.Hub.Metadata.FindRepositorySummaryAsync("alice/add-header", CancellationToken.None);
        summary!.IsPublic.Should().BeTrue();
        summary.Description.Should().BeEmpty();
    }

    [Fact]
    public async Task Settings_BadLabels_ShowTheReasonAndKeepTheOldValues()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var owner = await web.SignedInAsync("alice");

        using var response = await owner.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/settings", new Dictionary<string, string> { ["description"] = "fine", ["labels"] = "ok, not/ok" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebHub.Text(await response.Content.ReadAsStringAsync()).Should().Contain("'not/ok' is not a label");
        (await web.Hub.Metadata.FindRepositorySummaryAsync("alice/add-header", CancellationToken.None))!.Description.Should().BeEmpty();
    }

    [Fact]
    public async Task Tokens_CreatedOnThePage_WorkWithTheRegistry_AndStopWorkingWhenRevoked()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header");
        using var owner = await web.SignedInAsync("alice");

        using var created = await owner.SubmitAsync("/settings/tokens", "/settings/tokens", new Dictionary<string, string> { ["name"] = "ci-pull", ["scopes"] = "pull", ["expires"] = "30" });
        var createdHtml = await created.Content.ReadAsStringAsync();
        var secret = WebHub.Snippet(createdHtml.Replace("<code class=\"secret\" id=\"new-token\">", "<code id=\"new-token\">", StringComparison.Ordinal), "new-token");
        using var pullWithIt = await web.Hub.CreateClient("alice", secret).GetAsync("/v2/alice/add-header/manifests/v1");
        var listing = WebHub.Text((await owner.GetAsync("/settings/tokens")).Html);
        var tokenId = (await web.Hub.Metadata.ListAccessTokensAsync((await web.Hub.Metadata.FindUserAsync("alice", CancellationToken.None))!.Id, CancellationToken.None)).Single(t => t.Name == "ci-pull").Id;
        using var revoked = await owner.SubmitAsync("/settings/tokens", $"/settings/tokens/{tokenId}/revoke", new Dictionary<string, string>());
        using var pullAfterRevoke = await web.Hub.CreateClient("alice", secret).GetAsync("/v2/alice/add-header/manifests/v1");

        created.StatusCode.Should().Be(HttpStatusCode.OK);
        secret.Should().StartWith("weir_");
        WebHub.Text(createdHtml).Should().Contain("Copy it now: it is shown only once.");
        pullWithIt.StatusCode.Should().Be(HttpStatusCode.OK);
        listing.Should().Contain("ci-pull").And.Contain("pull").And.NotContain(secret, "the secret is shown once");
        revoked.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        pullAfterRevoke.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_CannotHaveMoreScopesThanTheSessionsToken()
    {
        await using var web = await WebHub.StartAsync();
        using var session = await web.SignedInAsync("alice", AccessScopes.Pull);

        using var response = await session.SubmitAsync("/settings/tokens", "/settings/tokens", new Dictionary<string, string> { ["name"] = "escalate", ["scopes"] = "admin", ["expires"] = "never" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebHub.Text(await response.Content.ReadAsStringAsync()).Should().Contain("limited to pull; a new token cannot have more");
        (await web.Hub.Metadata.ListAccessTokensAsync((await web.Hub.Metadata.FindUserAsync("alice", CancellationToken.None))!.Id, CancellationToken.None))
            .Should().ContainSingle("only the session's own token exists");
    }

    [Fact]
    public async Task Tokens_RevokingTheSessionsOwnToken_SignsOut_AndOthersTokensAreNotFound()
    {
        await using var web = await WebHub.StartAsync();
        var bobsToken = await web.Hub.Server.Services.GetRequiredService<AccessTokenService>().CreateAsync("bob", AccessScopes.Pull, "bobs", null, CancellationToken.None);
        using var session = await web.SignedInAsync("alice");
        var own = (await web.Hub.Metadata.ListAccessTokensAsync((await web.Hub.Metadata.FindUserAsync("alice", CancellationToken.None))!.Id, CancellationToken.None)).Single();

        using var others = await session.SubmitAsync("/settings/tokens", $"/settings/tokens/{bobsToken.Token.Id}/revoke", new Dictionary<string, string>());
        using var revoke = await session.SubmitAsync("/settings/tokens", $"/settings/tokens/{own.Id}/revoke", new Dictionary<string, string>());
        var afterwards = await session.GetAsync("/settings/tokens");

        others.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await web.Hub.Metadata.FindAccessTokenByIdAsync(bobsToken.Token.Id, CancellationToken.None)).Should().NotBeNull();
        revoke.Headers.Location!.ToString().Should().Be("/sign-in");
        afterwards.Status.Should().Be(HttpStatusCode.SeeOther, "the session ended with its token");
        afterwards.Response.Headers.Location!.ToString().Should().StartWith("/sign-in");
    }
}
