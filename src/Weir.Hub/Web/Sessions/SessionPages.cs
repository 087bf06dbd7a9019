using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Auth;
using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Repositories;

namespace Weir.Hub.Web.Sessions;

/// <summary>
/// <c>/sign-in</c> (a form taking a user name and an access token) and <c>/sign-out</c>. Refused attempts
/// count towards the same per-address throttle as the registry's, so the form is no faster way to guess tokens.
/// </summary>
internal static class SessionPages
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebPaths.SignIn, SignInFormAsync);
        endpoints.MapPost(WebPaths.SignIn, SignInAsync);
        endpoints.MapPost(WebPaths.SignOut, SignOutAsync);
    }

    /// <summary>The answer to a form post whose anti-forgery token is missing or wrong.</summary>
    public static Task FormRejectedAsync(WebContext context) =>
        PageLayout.MessageAsync(
            context,
            StatusCodes.Status400BadRequest,
            "Form expired",
            "The form was not sent from a page of this hub, or the page was open too long. Go back, reload the page and try again.");

    private static async Task SignInFormAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        await RenderFormAsync(context, http.Request.Query["return"].ToString(), userName: null, error: null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static async Task SignInAsync(HttpContext http)
    {
        RepositoryRoutes.LimitFormSize(http);
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        if (!await context.IsFormGenuineAsync().ConfigureAwait(false))
        {
            await FormRejectedAsync(context).ConfigureAwait(false);
            return;
        }

        var form = await http.Request.ReadFormAsync(context.Aborted).ConfigureAwait(false);
        var returnPath = form["return"].ToString();
        var userName = form["user"].ToString().Trim();
        var secret = form["token"].ToString().Trim();
        var throttle = context.Services.GetRequiredService<FailedLoginThrottle>();
        if (throttle.RetryAfterSeconds(http) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RenderFormAsync(context, returnPath, userName, $"Too many refused sign-ins from your address; try again in {retryAfter} seconds.", StatusCodes.Status429TooManyRequests).ConfigureAwait(false);
            return;
        }

        if (userName.Length == 0 || secret.Length == 0)
        {
            await RenderFormAsync(context, returnPath, userName, "Enter your user name and an access token.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var token = await context.Services.GetRequiredService<AccessTokenService>().VerifyAsync(userName, secret, context.Aborted).ConfigureAwait(false);
        if (token is null)
        {
            throttle.RecordFailure(http);
            await RenderFormAsync(context, returnPath, userName, "That user name and access token do not match a valid token.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if ((AccessScopeText.Expand(token.Scopes) & AccessScopes.Pull) == 0)
        {
            await RenderFormAsync(context, returnPath, userName, "Signing in needs a token with the pull scope (the pages show what the account can pull).", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        context.Services.GetRequiredService<SessionCookie>().Issue(http, token);
        var destination = WebPaths.SafeReturnPath(returnPath);
        PageLayout.SeeOther(context, destination == WebPaths.Home ? WebPaths.User(token.UserName) : destination);
    }

    private static async Task SignOutAsync(HttpContext http)
    {
        RepositoryRoutes.LimitFormSize(http);
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        if (!await context.IsFormGenuineAsync().ConfigureAwait(false))
        {
            await FormRejectedAsync(context).ConfigureAwait(false);
            return;
        }

        context.Services.GetRequiredService<SessionCookie>().Clear(http);
        PageLayout.SeeOther(context, WebPaths.Home);
    }

    private static Task RenderFormAsync(WebContext context, string? returnPath, string? userName, string? error, int statusCode)
    {
        var html = new HtmlBuilder(4096);
        html.Raw("<h1>Sign in</h1>");
        if (context.Viewer is { } viewer)
        {
            html.Append($"<p class=\"notice\" role=\"status\">You are signed in as <a href=\"{WebPaths.User(viewer.UserName)}\">{viewer.UserName}</a>. Signing in again replaces that session.</p>");
        }

        if (error is not null)
        {
            html.Append($"<p class=\"error\" role=\"alert\" id=\"sign-in-error\">{error}</p>");
        }

        html.Append($"""
            <p>Sign in with an access token, the same one <code>weir login</code> and <code>docker login</code> take. Create one with
            <code>weir hub token create --user NAME --scopes pull,push,admin</code>, or on the tokens page once signed in.</p>
            <form method="post" action="{WebPaths.SignIn}" class="narrow">
            {context.AntiforgeryField()}
            <input type="hidden" name="return" value="{WebPaths.SafeReturnPath(returnPath)}">
            <label for="user">User name</label>
            <input type="text" id="user" name="user" value="{userName}" autocomplete="username" autocapitalize="none" spellcheck="false" required{(error is null ? string.Empty : " aria-describedby=\"sign-in-error\"")}>
            <label for="token">Access token</label>
            <input type="password" id="token" name="token" autocomplete="current-password" required aria-describedby="token-help">
            <p class="muted" id="token-help">Tokens start with <code>{AccessTokenSecret.Prefix}</code>. The session lasts {(int)SessionCookie.Lifetime.TotalHours} hours at most and ends when the token is revoked; changing repositories needs a token with the admin scope.</p>
            <p><button type="submit">Sign in</button></p>
            </form>
            """);
        return PageLayout.WriteAsync(context, "Sign in", html.ToHtml(), statusCode);
    }
}
