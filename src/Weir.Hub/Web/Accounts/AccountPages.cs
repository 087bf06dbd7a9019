using Microsoft.AspNetCore.Http;
using Weir.Hub.Metadata;
using Weir.Hub.Web.Layout;

namespace Weir.Hub.Web.Accounts;

/// <summary>
/// <c>GET /users/{name}</c> and <c>GET /orgs/{name}</c>: an account's repositories (only those the visitor
/// may pull, and only those are counted), its organisations or members, and a user's starred repositories.
/// </summary>
internal static class AccountPages
{
    private const int RepositoriesShown = 60;

    public static async Task UserAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        var name = (string?)http.Request.RouteValues["name"] ?? string.Empty;
        var metadata = context.Metadata;
        var user = await metadata.FindUserAsync(name, context.Aborted).ConfigureAwait(false);
        if (user is null)
        {
            var organization = await metadata.FindOrganizationAsync(name, context.Aborted).ConfigureAwait(false);
            if (organization is not null)
            {
                PageLayout.SeeOther(context, WebPaths.Organization(organization.Name));
                return;
            }

            await PageLayout.NotFoundAsync(context, "user").ConfigureAwait(false);
            return;
        }

        var repositories = await metadata.QueryRepositoriesAsync(
            new RepositoryQuery(context.ViewerId, RepositoryOrder.Recent, RepositoriesShown, OwnerUserId: user.Id, IncludeTotal: true), context.Aborted).ConfigureAwait(false);
        var starred = await metadata.QueryRepositoriesAsync(
            new RepositoryQuery(context.ViewerId, RepositoryOrder.Recent, RepositoriesShown, StarredByUserId: user.Id, IncludeTotal: true), context.Aborted).ConfigureAwait(false);
        var organizations = await metadata.ListUserOrganizationsAsync(user.Id, context.Aborted).ConfigureAwait(false);

        var html = new HtmlBuilder(16 * 1024);
        html.Append($"<h1>{user.Name}</h1><p class=\"muted\">User since {Display.Time(user.CreatedAt, context.Now)}</p>");
        if (organizations.Count > 0)
        {
            html.Raw("<p>Organisations: ");
            for (var index = 0; index < organizations.Count; index++)
            {
                html.Append($"{(index > 0 ? ", " : string.Empty)}<a href=\"{WebPaths.Organization(organizations[index].Name)}\">{organizations[index].Name}</a>");
            }

            html.Raw("</p>");
        }

        Section(html, "repositories", $"Repositories ({Display.Count(repositories.Total ?? 0)})", repositories, "No repositories you can see.", context.Now);
        Section(html, "starred", $"Starred ({Display.Count(starred.Total ?? 0)})", starred, "No starred repositories you can see.", context.Now);
        await PageLayout.WriteAsync(context, user.Name, html.ToHtml()).ConfigureAwait(false);
    }

    public static async Task OrganizationAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        var name = (string?)http.Request.RouteValues["name"] ?? string.Empty;
        var metadata = context.Metadata;
        var organization = await metadata.FindOrganizationAsync(name, context.Aborted).ConfigureAwait(false);
        if (organization is null)
        {
            await PageLayout.NotFoundAsync(context, "organisation").ConfigureAwait(false);
            return;
        }

        var repositories = await metadata.QueryRepositoriesAsync(
            new RepositoryQuery(context.ViewerId, RepositoryOrder.Recent, RepositoriesShown, OwnerOrganizationId: organization.Id, IncludeTotal: true), context.Aborted).ConfigureAwait(false);
        var members = await metadata.ListOrganizationMembersAsync(organization.Id, context.Aborted).ConfigureAwait(false);

        var html = new HtmlBuilder(16 * 1024);
        html.Append($"<h1>{organization.Name}</h1><p class=\"muted\">Organisation since {Display.Time(organization.CreatedAt, context.Now)}</p>");
        html.Append($"<p>Members ({members.Count}): ");
        for (var index = 0; index < members.Count; index++)
        {
            var member = members[index];
            html.Append($"{(index > 0 ? ", " : string.Empty)}<a href=\"{WebPaths.User(member.UserName)}\">{member.UserName}</a>{(member.Role == "owner" ? " (owner)" : string.Empty)}");
        }

        html.Raw("</p>");
        Section(html, "repositories", $"Repositories ({Display.Count(repositories.Total ?? 0)})", repositories, "No repositories you can see.", context.Now);
        await PageLayout.WriteAsync(context, organization.Name, html.ToHtml()).ConfigureAwait(false);
    }

    private static void Section(HtmlBuilder html, string id, string title, RepositoryListing listing, string empty, DateTimeOffset now)
    {
        html.Append($"<section aria-labelledby=\"{id}-title\"><h2 id=\"{id}-title\">{title}</h2>");
        if (listing.Repositories.Count == 0)
        {
            html.Append($"<p class=\"muted\">{empty}</p>");
        }
        else
        {
            RepositoryCards.Render(html, listing.Repositories, now);
            if (listing.Total > listing.Repositories.Count)
            {
                html.Append($"<p class=\"muted\">Showing the {listing.Repositories.Count} most recently updated.</p>");
            }
        }

        html.Raw("</section>");
    }
}
