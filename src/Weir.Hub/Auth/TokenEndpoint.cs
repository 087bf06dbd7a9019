using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Weir.Hub.Registry;

namespace Weir.Hub.Auth;

/// <summary>
/// <c>/token</c>: the token service of the registry token flow. GET with Basic <c>user:access-token</c>
/// (docker, skopeo, crane) or anonymously; POST with an OAuth2 password grant (containerd, wasme).
/// </summary>
internal static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuthenticationChallenge.TokenPath, HandleGetAsync);
        endpoints.MapPost(AuthenticationChallenge.TokenPath, HandlePostAsync);
    }

    private static async Task HandleGetAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await ThrottledAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var caller = Caller.Anonymous;
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (header.Length > 0)
        {
            if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                || !BasicCredentials.TryParse(header[6..], out var user, out var secret))
            {
                await RefuseAsync(context, "use Basic authentication with your user name and an access token").ConfigureAwait(false);
                return;
            }

            var authenticated = await AuthenticateAsync(context, user, secret, cancellationToken).ConfigureAwait(false);
            if (authenticated is null)
            {
                await RefuseAsync(context, "invalid user name or access token").ConfigureAwait(false);
                return;
            }

            caller = authenticated;
        }

        var issued = await context.RequestServices.GetRequiredService<TokenIssuer>()
            .IssueAsync(caller, context.Request.Query["scope"].Where(s => s is not null)!, cancellationToken).ConfigureAwait(false);
        await WriteTokenAsync(context, issued, includeScope: false).ConfigureAwait(false);
    }

    private static async Task HandlePostAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await ThrottledAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await OAuthErrorAsync(context, "invalid_request", "send application/x-www-form-urlencoded").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var grant = form["grant_type"].ToString();
        if (grant != "password")
        {
            await OAuthErrorAsync(context, "unsupported_grant_type", "only the password grant (user name and access token) is supported").ConfigureAwait(false);
            return;
        }

        var caller = await AuthenticateAsync(context, form["username"].ToString(), form["password"].ToString(), cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            await RefuseAsync(context, "invalid user name or access token").ConfigureAwait(false);
            return;
        }

        var issued = await context.RequestServices.GetRequiredService<TokenIssuer>()
            .IssueAsync(caller, form["scope"].Where(s => s is not null)!, cancellationToken).ConfigureAwait(false);
        await WriteTokenAsync(context, issued, includeScope: true).ConfigureAwait(false);
    }

    private static async ValueTask<Caller?> AuthenticateAsync(HttpContext context, string user, string secret, CancellationToken cancellationToken)
    {
        var token = await context.RequestServices.GetRequiredService<AccessTokenService>().VerifyAsync(user, secret, cancellationToken).ConfigureAwait(false);
        return token is null ? null : Caller.WithAccessToken(token.UserId, token.UserName, token.Scopes);
    }

    private static async Task WriteTokenAsync(HttpContext context, IssuedToken issued, bool includeScope)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, RegistryJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("token", issued.Token);
        writer.WriteString("access_token", issued.Token);
        writer.WriteNumber("expires_in", issued.ExpiresInSeconds);
        writer.WriteString("issued_at", issued.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (includeScope)
        {
            writer.WriteString("scope", string.Join(' ', issued.Granted.Select(access => access.ToString())));
        }

        writer.WriteEndObject();
        writer.Flush();
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<bool> ThrottledAsync(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<FailedLoginThrottle>().RetryAfterSeconds(context) is not { } retryAfter)
        {
            return false;
        }

        await RegistryErrorWriter.WriteAsync(context, RegistryException.TooManyRequests(retryAfter)).ConfigureAwait(false);
        return true;
    }

    private static async Task RefuseAsync(HttpContext context, string message)
    {
        context.RequestServices.GetRequiredService<FailedLoginThrottle>().RecordFailure(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{RegistryTokenCodec.Service}\"";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new { errors = new[] { new { code = "UNAUTHORIZED", message } } }),
            context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task OAuthErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }),
            context.RequestAborted).ConfigureAwait(false);
    }
}
