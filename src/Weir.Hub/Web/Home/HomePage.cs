using Microsoft.AspNetCore.Http;
using Weir.Hub.Metadata;
using Weir.Hub.Web.Layout;

namespace Weir.Hub.Web.Home;

/// <summary><c>GET /</c>: a search box, the most recently updated and the most downloaded modules the visitor may see.</summary>
internal static class HomePage
{
    private const int CardsPerList = 12;

    public static async Task HandleAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        var metadata = context.Metadata;
        var recent = await metadata.QueryRepositoriesAsync(
            new RepositoryQuery(context.ViewerId, RepositoryOrder.Recent, CardsPerList, IncludeTotal: true), context.Aborted).ConfigureAwait(false);
        var popular = await metadata.QueryRepositoriesAsync(
            new RepositoryQuery(context.ViewerId, RepositoryOrder.Popular, CardsPerList), context.Aborted).ConfigureAwait(false);

        var html = new HtmlBuilder(32 * 1024);
        html.Append($"""
            <section class="hero" aria-labelledby="hero-title">
            <h1 id="hero-title">WebAssembly modules, ready to run</h1>
            <p class="lead">Find a proxy-wasm filter or Wasm module, see what it imports and exports, and paste its configuration into Weir, Envoy or Istio.</p>
            <form role="search" aria-label="Modules" action="{WebPaths.Search}" method="get">
            <label class="visually-hidden" for="home-search">Search modules by name, description, ABI version or label</label>
            <input type="search" id="home-search" name="q" placeholder="e.g. auth, v0.2.1, rate-limit">
            <button type="submit">Search</button>
            </form>
            <p class="muted">{Display.Plural(recent.Total ?? 0, "module", "modules")} {(context.Viewer is null ? "in public repositories" : "you can see")}.</p>
            </section>
            """);

        if (recent.Repositories.Count == 0)
        {
            html.Append($"""
                <h2>Nothing here yet</h2>
                <p>Push a module to make it appear here:</p>
                <pre><code>weir push filter.wasm {context.Host}/{(context.Viewer?.UserName ?? "you")}/filter:v1</code></pre>
                """);
        }
        else
        {
            html.Raw("<section aria-labelledby=\"recent-title\"><h2 id=\"recent-title\">Recently updated</h2>");
            RepositoryCards.Render(html, recent.Repositories, context.Now);
            html.Raw("</section><section aria-labelledby=\"popular-title\"><h2 id=\"popular-title\">Most downloaded</h2>");
            RepositoryCards.Render(html, popular.Repositories, context.Now);
            html.Raw("</section>");
        }

        await PageLayout.WriteAsync(context, "Home", html.ToHtml()).ConfigureAwait(false);
    }
}
