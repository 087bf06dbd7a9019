using System.Globalization;
using Microsoft.AspNetCore.Http;
using Weir.Hub.Metadata;
using Weir.Hub.Metadata.Search;
using Weir.Hub.Web.Layout;

namespace Weir.Hub.Web.Search;

/// <summary>
/// <c>GET /search?q=…&amp;page=…</c>: repositories whose name, description, labels or ABI versions have words
/// starting with every word of the query, most downloaded first. Only repositories the visitor may pull are
/// listed or counted.
/// </summary>
internal static class SearchPage
{
    public const int PageSize = 20;
    private const int MaxPage = 500;

    public static async Task HandleAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        var query = http.Request.Query["q"].ToString().Trim();
        var page = int.TryParse(http.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var requested) ? Math.Clamp(requested, 1, MaxPage) : 1;
        var terms = SearchTerms.ForQuery(query);

        var html = new HtmlBuilder(32 * 1024);
        html.Append($"<h1>{(query.Length > 0 ? "Search results" : "Search")}</h1>");
        html.Append($"""
            <form role="search" aria-label="Modules" action="{WebPaths.Search}" method="get" class="hero">
            <label for="search-query">Search by name, description, ABI version (<code>v0.2.1</code>) or label</label>
            <div class="search-row"><input type="search" id="search-query" name="q" value="{query}">
            <button type="submit">Search</button></div>
            </form>
            """);

        if (terms.Count == 0)
        {
            html.Append($"<p>{(query.Length == 0 ? "Type a word to search for." : "The query has no letters or digits to search for.")}</p>");
            await PageLayout.WriteAsync(context, "Search", html.ToHtml(), searchQuery: query).ConfigureAwait(false);
            return;
        }

        var listing = await context.Metadata.QueryRepositoriesAsync(
            new RepositoryQuery(context.ViewerId, RepositoryOrder.Popular, PageSize, (page - 1) * PageSize, terms, IncludeTotal: true),
            context.Aborted).ConfigureAwait(false);
        var total = listing.Total ?? 0;
        html.Append($"<p role=\"status\" id=\"result-count\">{Display.Plural(total, "module matches", "modules match")} “{query}”.</p>");
        if (listing.Repositories.Count > 0)
        {
            RepositoryCards.Render(html, listing.Repositories, context.Now);
        }

        var pages = (int)Math.Min(MaxPage, (total + PageSize - 1) / PageSize);
        if (pages > 1)
        {
            html.Raw("<nav class=\"pager\" aria-label=\"Result pages\">");
            if (page > 1)
            {
                html.Append($"<a href=\"{WebPaths.SearchFor(query)}&amp;page={page - 1}\" rel=\"prev\">Previous page</a>");
            }

            html.Append($"<span>Page {page} of {pages}</span>");
            if (page < pages)
            {
                html.Append($"<a href=\"{WebPaths.SearchFor(query)}&amp;page={page + 1}\" rel=\"next\">Next page</a>");
            }

            html.Raw("</nav>");
        }

        await PageLayout.WriteAsync(context, $"Search: {query}", html.ToHtml(), searchQuery: query).ConfigureAwait(false);
    }
}
