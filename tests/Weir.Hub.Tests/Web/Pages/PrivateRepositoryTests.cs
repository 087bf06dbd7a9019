using System.Net;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Web.Support;

namespace Weir.Hub.Tests.Web.Pages;

/// <summary>Private repositories never show to anonymous visitors or other accounts: not in pages, search, or counts.</summary>
public sealed class PrivateRepositoryTests
{
    [Fact]
    public async Task PrivateRepository_AnonymousAndOtherAccounts_SeeItNowhereAndItIsNotCounted()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/open-filter", makePublic: true);
        await web.PublishAsync(alice, "alice/secret-filter");
        using var carol = await web.RegistryClientAsync("carol");
        await web.Hub.Metadata.CreateOrganizationAsync("team", (await web.Hub.Metadata.FindUserAsync("carol", CancellationToken.None))!.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        await web.PublishAsync(carol, "team/internal-filter");
        using var anonymous = web.Browser();
        using var bob = await web.SignedInAsync("bob");

        foreach (var (who, browser) in new[] { ("anonymous", anonymous), ("bob", bob) })
        {
            foreach (var path in new[] { "/", "/search?q=filter", "/search?q=secret", "/search?q=internal", "/users/alice", "/orgs/team", "/users/bob" })
            {
                var (status, html, _) = await browser.GetAsync(path);
                status.Should().Be(HttpStatusCode.OK, $"{who} can open {path}");
                html.Should().NotContain("secret-filter", $"{who} must not see alice's private repository on {path}");
                html.Should().NotContain("internal-filter", $"{who} must not see the team's private repository on {path}");
            }

            var text = WebHub.Text((await browser.GetAsync("/search?q=filter")).Html);
            text.Should().Contain("1 module matches", $"{who}'s search count only includes what {who} may see");
            WebHub.Text((await browser.GetAsync("/users/alice")).Html).Should().Contain("Repositories (1)");
            WebHub.Text((await browser.GetAsync("/orgs/team")).Html).Should().Contain("Repositories (0)");
            WebHub.Text((await browser.GetAsync("/")).Html).Should().Contain(who == "anonymous" ? "1 module in public repositories" : "1 module you can see");

            foreach (var path in new[] { "/r/alice/secret-filter", "/r/alice/secret-filter/-/tags/v1", "/r/team/internal-filter" })
            {
                var (status, html, _) = await browser.GetAsync(path);
                status.Should().Be(HttpStatusCode.NotFound, $"{path} is private");
                html.Should().NotContain("add_header", "a not-found page reveals nothing of the module");
            }
        }

        using var starPrivate = await bob.SubmitAsync("/", "/r/alice/secret-filter/-/star", new Dictionary<string, string> { ["star"] = "true" });
        starPrivate.StatusCode.Should().Be(HttpStatusCode.NotFound, "a repository one cannot see cannot be starred");
    }

    [Fact]
    public async Task PrivateRepository_OwnerAndOrganisationMembers_SeeItEverywhere()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/open-filter", makePublic: true);
        await web.PublishAsync(alice, "alice/secret-filter");
        using var carol = await web.RegistryClientAsync("carol");
        var carolId = (await web.Hub.Metadata.FindUserAsync("carol", CancellationToken.None))!.Id;
        var team = await web.Hub.Metadata.CreateOrganizationAsync("team", carolId, DateTimeOffset.UtcNow, CancellationToken.None);
        await web.PublishAsync(carol, "team/internal-filter");
        var (dave, _) = await web.Hub.Metadata.EnsureUserAsync("dave", DateTimeOffset.UtcNow, CancellationToken.None);
        await web.Hub.Metadata.AddOrganizationMemberAsync(team.Id, dave.Id, "member", CancellationToken.None);

        using var asAlice = await web.SignedInAsync("alice");
        using var asDave = await web.SignedInAsync("dave", AccessScopes.Pull);

        WebHub.Text((await asAlice.GetAsync("/search?q=filter")).Html).Should().Contain("2 modules match");
        WebHub.Text((await asAlice.GetAsync("/users/alice")).Html).Should().Contain("Repositories (2)").And.Contain("secret-filter");
        (await asAlice.GetAsync("/r/alice/secret-filter")).Status.Should().Be(HttpStatusCode.OK);
        (await asAlice.GetAsync("/r/alice/secret-filter")).Html.Should().Contain("Private");
        (await asAlice.GetAsync("/r/team/internal-filter")).Status.Should().Be(HttpStatusCode.NotFound, "alice is not in the team");
        (await asDave.GetAsync("/r/team/internal-filter/-/tags/v1")).Status.Should().Be(HttpStatusCode.OK, "dave is a member of the owning organisation");
        WebHub.Text((await asDave.GetAsync("/orgs/team")).Html).Should().Contain("Repositories (1)");
    }
}
