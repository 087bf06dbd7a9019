using Microsoft.AspNetCore.Http;
using Weir.Hub.Metadata;
using Weir.Hub.Metadata.Search;
using Weir.Hub.Web.Layout;

namespace Weir.Hub.Web.Repositories;

/// <summary>
/// <c>GET /r/{name}</c>: what a repository is (description, labels, ABI versions, counters), its README,
/// its tags with digests, sizes, push dates and downloads, a star button, and for owners its settings.
/// </summary>
internal static class RepositoryPage
{
    public const int TagsShown = 100;

    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["starred"] = "Starred.",
        ["unstarred"] = "Star removed.",
        ["public"] = "The repository is now public: anyone can see and pull it.",
        ["private"] = "The repository is now private: only its owners can see and pull it.",
        ["settings"] = "Description and labels saved.",
        ["readme"] = "README uploaded.",
        ["readme-removed"] = "Uploaded README removed.",
    };

    public static async Task RenderAsync(WebContext context, RepositoryView view, string? error = null, int statusCode = StatusCodes.Status200OK)
    {
        var metadata = context.Metadata;
        var repository = view.Summary;
        var tags = await metadata.ListTagSummariesAsync(repository.Id, TagsShown, context.Aborted).ConfigureAwait(false);
        var starred = context.Viewer is { } viewer && await metadata.HasStarredAsync(viewer.UserId, repository.Id, context.Aborted).ConfigureAwait(false);
        var uploadedReadme = await metadata.FindRepositoryReadmeAsync(repository.Id, context.Aborted).ConfigureAwait(false);
        var readme = uploadedReadme;
        if (readme is null && tags.Count > 0)
        {
            var latest = await metadata.FindManifestByDigestAsync(repository.Id, tags[0].Digest, includeContent: true, context.Aborted).ConfigureAwait(false);
            readme = ManifestAnnotations.Read(latest?.Content).GetValueOrDefault(ManifestAnnotations.Readme);
        }

        var owner = await OwnerNameAsync(context, repository).ConfigureAwait(false);

        var html = new HtmlBuilder(32 * 1024);
        html.Append($"<nav aria-label=\"Breadcrumb\" class=\"muted\"><a href=\"{WebPaths.Home}\">Home</a> / {OwnerLink(repository, owner)}</nav>");
        html.Append($"<h1>{repository.Name}</h1>");
        RepositoryCards.Badges(html, repository);
        if (context.Http.Request.Query["done"].ToString() is { Length: > 0 } done && Notices.TryGetValue(done, out var notice))
        {
            html.Append($"<p class=\"notice\" role=\"status\">{notice}</p>");
        }

        if (error is not null)
        {
            html.Append($"<p class=\"error\" role=\"alert\">{error}</p>");
        }

        html.Raw("<div class=\"layout\"><div>");

        // Tags.
        html.Append($"<section aria-labelledby=\"tags-title\"><h2 id=\"tags-title\">Tags ({Display.Count(repository.TagCount)})</h2>");
        if (tags.Count == 0)
        {
            html.Append($"<p class=\"muted\">No tags yet. Push one with <code>weir push filter.wasm {context.Host}/{repository.Name}:v1</code>.</p>");
        }
        else
        {
            html.Raw("<div class=\"table-scroll\"><table><caption>Tags, most recently pushed first</caption><thead><tr><th scope=\"col\">Tag</th><th scope=\"col\">Digest</th><th scope=\"col\" class=\"number\">Size</th><th scope=\"col\">Pushed</th><th scope=\"col\" class=\"number\">Downloads</th></tr></thead><tbody>");
            foreach (var tag in tags)
            {
                html.Append($"""
                    <tr><th scope="row"><a href="{WebPaths.Tag(repository.Name, tag.Name)}">{tag.Name}</a></th>
                    <td><code title="{tag.Digest}">{Display.ShortDigest(tag.Digest)}</code></td>
                    <td class="number">{Display.Size(tag.TotalSize)}</td>
                    <td>{Display.Time(tag.PushedAt, context.Now)}</td>
                    <td class="number">{Display.Count(tag.Downloads)}</td></tr>
                    """);
            }

            html.Raw("</tbody></table></div>");
            if (repository.TagCount > tags.Count)
            {
                html.Append($"<p class=\"muted\">Showing the {tags.Count} most recent of {Display.Count(repository.TagCount)} tags.</p>");
            }
        }

        html.Raw("</section>");

        // README.
        html.Raw("<section aria-labelledby=\"readme-title\"><h2 id=\"readme-title\">README</h2>");
        if (readme is { Length: > 0 })
        {
            html.Append($"<div class=\"readme\">{ReadmeRenderer.Render(readme)}</div>");
        }
        else
        {
            html.Append($"<p class=\"muted\">No README. Owners can upload one below, or push modules with a <code>{ManifestAnnotations.Readme}</code> annotation holding Markdown.</p>");
        }

        html.Raw("</section>");
        if (view.CanAdminister)
        {
            Settings(context, html, view, uploadedReadme is not null);
        }

        html.Raw("</div>");

        // About.
        html.Raw("<aside aria-labelledby=\"about-title\"><h2 id=\"about-title\">About</h2>");
        var description = repository.DisplayDescription;
        html.Append($"<p>{(description.Length > 0 ? description : "No description.")}</p>");
        if (repository.Labels.Count > 0)
        {
            html.Raw("<ul class=\"badges\" aria-label=\"Labels\">");
            foreach (var label in repository.Labels)
            {
                html.Append($"<li><a class=\"badge\" href=\"{WebPaths.SearchFor(label)}\">{label}</a></li>");
            }

            html.Raw("</ul>");
        }

        html.Append($"""
            <dl class="facts-list">
            <dt>Downloads</dt><dd>{Display.Count(repository.Downloads)}</dd>
            <dt>Stars</dt><dd id="star-count">{Display.Count(repository.Stars)}</dd>
            <dt>Updated</dt><dd>{Display.Time(repository.UpdatedAt, context.Now)}</dd>
            <dt>Visibility</dt><dd>{(repository.IsPublic ? "Public" : "Private")}</dd>
            </dl>
            """);
        if (context.Viewer is null)
        {
            html.Append($"<p><a href=\"{WebPaths.SignIn}?return={Uri.EscapeDataString(WebPaths.Repository(repository.Name))}\">Sign in</a> to star this repository.</p>");
        }
        else
        {
            html.Append($"""
                <form method="post" action="{WebPaths.RepositoryAction(repository.Name, "star")}">
                {context.AntiforgeryField()}
                <input type="hidden" name="star" value="{(starred ? "false" : "true")}">
                <button type="submit" class="{(starred ? "secondary" : string.Empty)}" aria-pressed="{(starred ? "true" : "false")}">{(starred ? "★ Starred" : "☆ Star")}</button>
                </form>
                """);
        }

        if (repository.LatestTag is { } latestTag)
        {
            html.Append($"""
                <h3>Pull the latest tag</h3>
                <pre><code>weir pull {context.Host}/{repository.Name}:{latestTag}</code></pre>
                <p class="muted">Configuration for the Weir gateway, Envoy and Istio, pinned by digest: <a href="{WebPaths.Tag(repository.Name, latestTag)}">{latestTag}</a>.</p>
                """);
        }

        html.Raw("</aside></div>");
        await PageLayout.WriteAsync(context, repository.Name, html.ToHtml(), statusCode).ConfigureAwait(false);
    }

    private static void Settings(WebContext context, HtmlBuilder html, RepositoryView view, bool hasUploadedReadme)
    {
        var repository = view.Summary;
        var antiforgery = context.AntiforgeryField();
        html.Append($"""
            <section aria-labelledby="settings-title" id="settings"><h2 id="settings-title">Settings</h2>
            <form method="post" action="{WebPaths.RepositoryAction(repository.Name, "visibility")}">
            {antiforgery}
            <fieldset><legend>Visibility</legend>
            <label class="inline"><input type="radio" name="visibility" value="public"{(repository.IsPublic ? " checked" : string.Empty)}> Public: anyone can see and pull it</label>
            <label class="inline"><input type="radio" name="visibility" value="private"{(repository.IsPublic ? string.Empty : " checked")}> Private: only owners</label>
            <p><button type="submit">Save visibility</button></p>
            </fieldset>
            </form>
            <form method="post" action="{WebPaths.RepositoryAction(repository.Name, "settings")}">
            {antiforgery}
            <fieldset><legend>Description and labels</legend>
            <label for="description">Description</label>
            <textarea id="description" name="description" maxlength="{RepositorySettings.MaxDescriptionLength}" aria-describedby="description-help">{repository.Description}</textarea>
            <p class="muted" id="description-help">Empty: the module's <code>org.opencontainers.image.description</code> annotation is shown{(repository.ModuleDescription.Length > 0 ? $" (“{repository.ModuleDescription}”)" : string.Empty)}.</p>
            <label for="labels">Labels</label>
            <input type="text" id="labels" name="labels" value="{string.Join(", ", repository.Labels)}" aria-describedby="labels-help">
            <p class="muted" id="labels-help">Up to {RepositoryLabels.MaxLabels}, separated by commas, e.g. <code>auth, rate-limit</code>.</p>
            <p><button type="submit">Save description and labels</button></p>
            </fieldset>
            </form>
            <form method="post" action="{WebPaths.RepositoryAction(repository.Name, "readme")}" enctype="multipart/form-data">
            {antiforgery}
            <fieldset><legend>README</legend>
            <label for="readme-file">Markdown file (up to {ReadmeRenderer.MaxReadmeBytes / 1024} KiB)</label>
            <input type="file" id="readme-file" name="readme" accept=".md,.markdown,.txt,text/markdown,text/plain">
            <p><button type="submit">Upload README</button></p>
            </fieldset>
            </form>
            """);
        if (hasUploadedReadme)
        {
            html.Append($"""
                <form method="post" action="{WebPaths.RepositoryAction(repository.Name, "readme")}">
                {antiforgery}<input type="hidden" name="remove" value="true">
                <p><button type="submit" class="danger">Remove the uploaded README</button></p>
                </form>
                """);
        }

        html.Raw("</section>");
    }

    /// <summary>The owning account's name: an organisation's repositories always live in its namespace; a user's may not.</summary>
    private static async ValueTask<string?> OwnerNameAsync(WebContext context, RepositorySummary repository)
    {
        if (repository.OwnerOrganizationId is not null)
        {
            var slash = repository.Name.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 ? repository.Name[..slash] : null;
        }

        return repository.OwnerUserId is { } userId
            ? (await context.Metadata.FindUserByIdAsync(userId, context.Aborted).ConfigureAwait(false))?.Name
            : null;
    }

    private static HtmlString OwnerLink(RepositorySummary repository, string? owner)
    {
        var html = new HtmlBuilder(128);
        if (owner is not null)
        {
            html.Append($"owned by <a href=\"{(repository.OwnerOrganizationId is null ? WebPaths.User(owner) : WebPaths.Organization(owner))}\">{owner}</a>");
        }

        return html.ToHtml();
    }
}
