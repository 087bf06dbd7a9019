using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Weir.Hub.Web.Layout;

/// <summary>The frame of every page (landmarks, site search, account links) and the headers pages are sent with.</summary>
internal static class PageLayout
{
    private const string Logo =
        """<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="#ffffff"/><path d="M5 10h22M5 16h22M5 22h22" stroke="#12355b" stroke-width="3" stroke-linecap="round"/><path d="M11 7v18M21 7v18" stroke="#0a7d55" stroke-width="3" stroke-linecap="round"/></svg>""";

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async Task WriteAsync(WebContext context, string title, HtmlString body, int statusCode = StatusCodes.Status200OK, string? searchQuery = null)
    {
        var html = new HtmlBuilder(body.Value.Length + 4096);
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Weir Hub</title>
            <link rel="stylesheet" href="{StaticAssets.CssPath}">
            <script src="{StaticAssets.ScriptPath}" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site"><div class="wrap">
            <a class="brand" href="{WebPaths.Home}">{new HtmlString(Logo)}<span>Weir Hub</span></a>
            <form role="search" aria-label="Site" action="{WebPaths.Search}" method="get">
            <label class="visually-hidden" for="site-search">Search modules</label>
            <input type="search" id="site-search" name="q" value="{searchQuery}" placeholder="Search modules, ABI versions, labels">
            <button type="submit">Search</button>
            </form>
            <nav class="account" aria-label="Account"><ul>
            """);
        if (context.Viewer is { } viewer)
        {
            html.Append($"""
                <li><a href="{WebPaths.User(viewer.UserName)}">{viewer.UserName}</a></li>
                <li><a href="{WebPaths.Tokens}">Access tokens</a></li>
                <li><form method="post" action="{WebPaths.SignOut}">{context.AntiforgeryField()}<button type="submit">Sign out</button></form></li>
                """);
        }
        else
        {
            html.Append($"<li><a href=\"{WebPaths.SignIn}?return={Uri.EscapeDataString(context.Http.Request.Path + context.Http.Request.QueryString)}\">Sign in</a></li>");
        }

        html.Append($"""
            </ul></nav>
            </div></header>
            <main id="main" class="wrap" tabindex="-1">
            {body}
            </main>
            <footer class="site"><div class="wrap">Weir Hub: an OCI registry for WebAssembly modules. Registry API at <code>/v2/</code>.</div></footer>
            </body>
            </html>
            """);
        await WriteDocumentAsync(context, html.ToString(), statusCode).ConfigureAwait(false);
    }

    /// <summary>Sends a redirect after a successful form post (303, so a reload does not post again).</summary>
    public static void SeeOther(WebContext context, string path)
    {
        context.Http.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Http.Response.Headers.Location = path;
        SetCommonHeaders(context);
    }

    public static Task NotFoundAsync(WebContext context, string what)
    {
        var body = new HtmlBuilder();
        body.Append($"<h1>Not found</h1><p>There is no {what} here, or it is private.</p>");
        if (context.Viewer is null)
        {
            body.Append($"<p>If it is yours, <a href=\"{WebPaths.SignIn}?return={Uri.EscapeDataString(context.Http.Request.Path)}\">sign in</a> to see it.</p>");
        }

        body.Append($"<p><a href=\"{WebPaths.Home}\">Back to the home page</a></p>");
        return WriteAsync(context, "Not found", body.ToHtml(), StatusCodes.Status404NotFound);
    }

    public static Task MessageAsync(WebContext context, int statusCode, string title, string message)
    {
        var body = new HtmlBuilder();
        body.Append($"<h1>{title}</h1><p>{message}</p><p><a href=\"{WebPaths.Home}\">Back to the home page</a></p>");
        return WriteAsync(context, title, body.ToHtml(), statusCode);
    }

    private static async Task WriteDocumentAsync(WebContext context, string document, int statusCode)
    {
        var response = context.Http.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SetCommonHeaders(context);
        await response.WriteAsync(document, context.Aborted).ConfigureAwait(false);
    }

    private static void SetCommonHeaders(WebContext context)
    {
        var headers = context.Http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";

        // Signed-in pages may show private repositories and tokens, forms carry anti-forgery tokens: never store those.
        headers.CacheControl = context.Viewer is null && !context.HasAntiforgeryField ? "no-cache" : "no-store";

        // How long the page took to build, for browsers' developer tools and the hub's performance tests.
        headers["Server-Timing"] = "app;dur=" + context.ElapsedMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
