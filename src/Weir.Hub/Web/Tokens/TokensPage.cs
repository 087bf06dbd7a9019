using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Repositories;
using Weir.Hub.Web.Sessions;

namespace Weir.Hub.Web.Tokens;

/// <summary>
/// <c>/settings/tokens</c>: the signed-in user's access tokens, a form to create one (with at most the scopes
/// of the token the session was signed in with; the secret is shown once) and a revoke button per token.
/// Revoking the session's own token signs the user out.
/// </summary>
internal static class TokensPage
{
    private const int MaxTokenNameLength = 64;

    private static readonly (AccessScopes Scope, string Word, string Meaning)[] ScopeChoices =
    [
        (AccessScopes.Pull, "pull", "read modules"),
        (AccessScopes.Push, "push", "push modules, creating repositories"),
        (AccessScopes.Delete, "delete", "delete tags and manifests"),
        (AccessScopes.Admin, "admin", "all of the above, and repository settings"),
    ];

    private static readonly (string Value, string Label, int? Days)[] Lifetimes =
    [
        ("30", "30 days", 30),
        ("90", "90 days", 90),
        ("365", "1 year", 365),
        ("never", "never expires", null),
    ];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebPaths.Tokens, ListAsync);
        endpoints.MapPost(WebPaths.Tokens, CreateAsync);
        endpoints.MapPost(WebPaths.Tokens + "/{id:long}/revoke", RevokeAsync);
    }

    private static async Task ListAsync(HttpContext http)
    {
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        if (context.Viewer is null)
        {
            PageLayout.SeeOther(context, WebPaths.SignIn + "?return=" + Uri.EscapeDataString(WebPaths.Tokens));
            return;
        }

        var notice = http.Request.Query["done"].ToString() == "revoked" ? "Token revoked." : null;
        await RenderAsync(context, created: null, notice, error: null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static async Task CreateAsync(HttpContext http)
    {
        RepositoryRoutes.LimitFormSize(http);
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        if (!await context.IsFormGenuineAsync().ConfigureAwait(false))
        {
            await SessionPages.FormRejectedAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Viewer is not { } viewer)
        {
            PageLayout.SeeOther(context, WebPaths.SignIn + "?return=" + Uri.EscapeDataString(WebPaths.Tokens));
            return;
        }

        var form = await http.Request.ReadFormAsync(context.Aborted).ConfigureAwait(false);
        var name = form["name"].ToString().Trim();
        var scopes = AccessScopeText.ParseActions(form["scopes"].Select(value => value ?? string.Empty));
        var lifetime = Lifetimes.FirstOrDefault(choice => choice.Value == form["expires"].ToString());
        string? error = null;
        if (name.Length is 0 or > MaxTokenNameLength)
        {
            error = $"Give the token a name of 1 to {MaxTokenNameLength} characters, e.g. the machine or CI job that will use it.";
        }
        else if (scopes == AccessScopes.None)
        {
            error = "Choose at least one scope.";
        }
        else if ((AccessScopeText.Expand(scopes) & ~viewer.EffectiveScopes) != AccessScopes.None)
        {
            error = $"This session was signed in with a token limited to {AccessScopeText.Format(viewer.Scopes)}; a new token cannot have more.";
        }
        else if (lifetime.Value is null)
        {
            error = "Choose when the token expires.";
        }

        if (error is not null)
        {
            await RenderAsync(context, created: null, notice: null, error, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var expiresAt = lifetime.Days is { } days ? context.Now.AddDays(days) : (DateTimeOffset?)null;
        var (secret, token, _) = await context.Services.GetRequiredService<AccessTokenService>()
            .CreateAsync(viewer.UserName, scopes, name, expiresAt, context.Aborted).ConfigureAwait(false);
        await RenderAsync(context, (token, secret), notice: null, error: null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static async Task RevokeAsync(HttpContext http)
    {
        RepositoryRoutes.LimitFormSize(http);
        var context = await WebContext.CreateAsync(http).ConfigureAwait(false);
        if (!await context.IsFormGenuineAsync().ConfigureAwait(false))
        {
            await SessionPages.FormRejectedAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Viewer is not { } viewer)
        {
            PageLayout.SeeOther(context, WebPaths.SignIn + "?return=" + Uri.EscapeDataString(WebPaths.Tokens));
            return;
        }

        var id = long.Parse((string)http.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        var token = await context.Metadata.FindAccessTokenByIdAsync(id, context.Aborted).ConfigureAwait(false);
        if (token is null || token.UserId != viewer.UserId)
        {
            // Someone else's token is "not found", not "forbidden": token ids are not to be probed.
            await PageLayout.NotFoundAsync(context, "token").ConfigureAwait(false);
            return;
        }

        await context.Metadata.RevokeAccessTokenAsync(token.Id, context.Aborted).ConfigureAwait(false);
        if (token.Id == viewer.TokenId)
        {
            context.Services.GetRequiredService<SessionCookie>().Clear(http);
            PageLayout.SeeOther(context, WebPaths.SignIn);
            return;
        }

        PageLayout.SeeOther(context, WebPaths.Tokens + "?done=revoked");
    }

    private static async Task RenderAsync(WebContext context, (AccessTokenRecord Token, string Secret)? created, string? notice, string? error, int statusCode)
    {
        var viewer = context.Viewer!;
        var tokens = await context.Metadata.ListAccessTokensAsync(viewer.UserId, context.Aborted).ConfigureAwait(false);
        var antiforgery = context.AntiforgeryField();
        var html = new HtmlBuilder(16 * 1024);
        html.Raw("<h1>Access tokens</h1>");
        html.Append($"<p>Tokens let <code>weir</code>, skopeo, Docker and Istio sign in to this hub as <strong>{viewer.UserName}</strong>. Only a hash of each token is stored.</p>");
        if (notice is not null)
        {
            html.Append($"<p class=\"notice\" role=\"status\">{notice}</p>");
        }

        if (error is not null)
        {
            html.Append($"<p class=\"error\" role=\"alert\">{error}</p>");
        }

        if (created is { } fresh)
        {
            html.Append($"""
                <section class="notice" aria-labelledby="new-token-title">
                <h2 id="new-token-title">Token “{fresh.Token.Name}” created</h2>
                <p>Copy it now: it is shown only once.</p>
                <div class="snippet-head"><code class="secret" id="new-token">{fresh.Secret}</code>
                <span><button type="button" class="secondary" data-copy="new-token" hidden>Copy</button>
                <span class="copy-status" id="new-token-status" role="status" aria-live="polite"></span></span></div>
                <p>Use it with <code>weir login {context.Host} -u {viewer.UserName} --password-stdin</code>.</p>
                </section>
                """);
        }

        html.Raw("<section aria-labelledby=\"tokens-title\"><h2 id=\"tokens-title\">Your tokens</h2>");
        if (tokens.Count == 0)
        {
            html.Raw("<p class=\"muted\">No tokens.</p>");
        }
        else
        {
            html.Raw("<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">Your access tokens</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Scopes</th><th scope=\"col\">Created</th><th scope=\"col\">Expires</th><th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody>");
            foreach (var token in tokens)
            {
                var expired = token.ExpiresAt is { } expiry && expiry <= context.Now;
                html.Append($"""
                    <tr><th scope="row">{token.Name}{(token.Id == viewer.TokenId ? " (this session)" : string.Empty)}</th>
                    <td>{AccessScopeText.Format(token.Scopes)}</td>
                    <td>{Display.Time(token.CreatedAt, context.Now)}</td>
                    <td>{(token.ExpiresAt is { } expires ? (expired ? "expired " : string.Empty) + expires.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never")}</td>
                    <td><form method="post" action="{WebPaths.RevokeToken(token.Id)}">{antiforgery}<button type="submit" class="danger" aria-label="Revoke {token.Name}">Revoke</button></form></td></tr>
                    """);
            }

            html.Raw("</tbody></table></div>");
        }

        html.Raw("</section>");
        html.Append($"""
            <section aria-labelledby="create-title"><h2 id="create-title">Create a token</h2>
            <form method="post" action="{WebPaths.Tokens}">
            {antiforgery}
            <label for="token-name">Name</label>
            <input type="text" id="token-name" name="name" maxlength="{MaxTokenNameLength}" required placeholder="e.g. ci-push">
            <fieldset><legend>Scopes</legend>
            """);
        foreach (var (scope, word, meaning) in ScopeChoices)
        {
            var allowed = (viewer.EffectiveScopes & scope) == scope;
            html.Append($"<label class=\"inline\"><input type=\"checkbox\" name=\"scopes\" value=\"{word}\"{(word == "pull" ? " checked" : string.Empty)}{(allowed ? string.Empty : " disabled")}> {word}: {meaning}</label>");
        }

        html.Raw("</fieldset><label for=\"token-expires\">Expires</label><select id=\"token-expires\" name=\"expires\">");
        foreach (var (value, label, _) in Lifetimes)
        {
            html.Append($"<option value=\"{value}\"{(value == "90" ? " selected" : string.Empty)}>{label}</option>");
        }

        html.Raw("</select><p><button type=\"submit\">Create token</button></p></form></section>");
        await PageLayout.WriteAsync(context, "Access tokens", html.ToHtml(), statusCode).ConfigureAwait(false);
    }
}
