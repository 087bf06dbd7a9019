using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Modules;
using Weir.Hub.Web.Sessions;

namespace Weir.Hub.Web.Repositories;

/// <summary>
/// Everything under <c>/r/</c>: <c>/r/{name}</c> (repository), <c>/r/{name}/-/tags/{tag}</c> and
/// <c>/r/{name}/-/manifests/{digest}</c> (module), and the repository's form posts
/// <c>/r/{name}/-/{star|visibility|settings|readme}</c>.
/// </summary>
internal static class RepositoryRoutes
{
    /// <summary>Form posts carry at most a README; anything bigger is refused before it is read.</summary>
    public const long MaxFormBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebPaths.RepositoryPrefix + "{**path}", GetAsync);
        endpoints.MapPost(WebPaths.RepositoryPrefix + "{**path}", PostAsync);
    }

    /// <summary>Limits the body of a form post (Kestrel allows unlimited bodies for blob uploads).</summary>
    public static void LimitFormSize(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }
    }

    private static async Task GetAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        var (name, rest) = Split((string?)http.Request.RouteValues["path"]);
        var view = await RepositoryAccess.FindAsync(context, name).ConfigureAwait(false);
        if (view is null)
        {
            await PageLayout.NotFoundAsync(context, "repository").ConfigureAwait(false);
            return;
        }

        if (rest is null)
        {
            await RepositoryPage.RenderAsync(context, view).ConfigureAwait(false);
        }
        else if (rest.StartsWith("tags/", StringComparison.Ordinal))
        {
            await ModulePage.RenderAsync(context, view, tag: rest["tags/".Length..], digest: null).ConfigureAwait(false);
        }
        else if (rest.StartsWith("manifests/", StringComparison.Ordinal))
        {
            await ModulePage.RenderAsync(context, view, tag: null, digest: rest["manifests/".Length..]).ConfigureAwait(false);
        }
        else
        {
            await PageLayout.NotFoundAsync(context, "page").ConfigureAwait(false);
        }
    }

    private static async Task PostAsync(HttpContext http)
    {
        LimitFormSize(http);
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        if (!await context.IsFormGenuineAsync().ConfigureAwait(false))
        {
            await SessionPages.FormRejectedAsync(context).ConfigureAwait(false);
            return;
        }

        var (name, action) = Split((string?)http.Request.RouteValues["path"]);
        if (context.Viewer is null)
        {
            PageLayout.SeeOther(context, WebPaths.SignIn + "?return=" + Uri.EscapeDataString(WebPaths.Repository(name)));
            return;
        }

        var view = await RepositoryAccess.FindAsync(context, name).ConfigureAwait(false);
        if (view is null || action is null)
        {
            await PageLayout.NotFoundAsync(context, "repository").ConfigureAwait(false);
            return;
        }

        await RepositoryActions.HandleAsync(context, view, action).ConfigureAwait(false);
    }

    private static (string Name, string? Remainder) Split(string? path)
    {
        path ??= string.Empty;
        var separator = path.IndexOf(WebPaths.Separator, StringComparison.Ordinal);
        return separator < 0 ? (path.TrimEnd('/'), null) : (path[..separator], path[(separator + WebPaths.Separator.Length)..]);
    }
}
