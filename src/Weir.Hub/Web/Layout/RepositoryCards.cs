using Weir.Hub.Metadata;

namespace Weir.Hub.Web.Layout;

/// <summary>The card every listing shows for a repository: name, visibility, ABI versions, description, labels and counters.</summary>
internal static class RepositoryCards
{
    public static void Render(HtmlBuilder html, IReadOnlyList<RepositorySummary> repositories, DateTimeOffset now)
    {
        html.Raw("<ul class=\"cards\">");
        foreach (var repository in repositories)
        {
            html.Append($"<li class=\"card\"><h3><a href=\"{WebPaths.Repository(repository.Name)}\">{repository.Name}</a></h3>");
            Badges(html, repository);
            var description = repository.DisplayDescription;
            html.Append($"<p>{(description.Length > 0 ? Shorten(description, 180) : "No description.")}</p>");
            if (repository.Labels.Count > 0)
            {
                html.Raw("<ul class=\"badges\" aria-label=\"Labels\">");
                foreach (var label in repository.Labels)
                {
                    html.Append($"<li><a class=\"badge\" href=\"{WebPaths.SearchFor(label)}\">{label}</a></li>");
                }

                html.Raw("</ul>");
            }

            html.Raw("<ul class=\"facts\">");
            if (repository.LatestTag is { } latest)
            {
                html.Append($"<li>latest <a href=\"{WebPaths.Tag(repository.Name, latest)}\">{latest}</a></li>");
            }
            else
            {
                html.Raw("<li>no tags yet</li>");
            }

            html.Append($"<li>{Display.Plural(repository.Downloads, "download", "downloads")}</li>");
            html.Append($"<li>{Display.Plural(repository.Stars, "star", "stars")}</li>");
            html.Append($"<li>updated {Display.Time(repository.UpdatedAt, now)}</li>");
            html.Raw("</ul></li>");
        }

        html.Raw("</ul>");
    }

    /// <summary>The private marker and ABI version badges.</summary>
    public static void Badges(HtmlBuilder html, RepositorySummary repository)
    {
        if (repository.IsPublic && repository.AbiVersions.Count == 0)
        {
            return;
        }

        html.Raw("<ul class=\"badges\">");
        if (!repository.IsPublic)
        {
            html.Raw("<li><span class=\"badge private\">Private</span></li>");
        }

        foreach (var version in repository.AbiVersions)
        {
            html.Append($"<li><a class=\"badge abi\" href=\"{WebPaths.SearchFor(version)}\" title=\"proxy-wasm ABI version\">proxy-wasm {version}</a></li>");
        }

        html.Raw("</ul>");
    }

    /// <summary>Cuts long descriptions at a word boundary.</summary>
    private static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var space = text.LastIndexOf(' ', length - 1);
        return text[..(space > length / 2 ? space : length)] + "…";
    }
}
