using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;

namespace Weir.Hub.Web.Sessions;

/// <summary>
/// The sign-in cookie: the id of the access token used to sign in, authenticated and encrypted with the
/// hub's data-protection keys and valid for <see cref="Lifetime"/>. HttpOnly (scripts cannot read it),
/// SameSite=Strict (other sites cannot send it along), Secure whenever the page was served over HTTPS.
/// Every request checks the token again, so revoking or expiring it ends the session at once.
/// </summary>
internal sealed class SessionCookie
{
    public const string Name = "weir_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ITimeLimitedDataProtector protector;
    private readonly IMetadataStore metadata;
    private readonly TimeProvider time;

    public SessionCookie(IDataProtectionProvider protection, IMetadataStore metadata, TimeProvider time)
    {
        protector = protection.CreateProtector("Weir.Hub.Web.Session.v1").ToTimeLimitedDataProtector();
        this.metadata = metadata;
        this.time = time;
    }

    public void Issue(HttpContext context, AccessTokenRecord token)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{token.Id}:{token.UserId}");
        var expires = time.GetUtcNow() + Lifetime;
        if (token.ExpiresAt is { } tokenExpires && tokenExpires < expires)
        {
            expires = tokenExpires;
        }

        context.Response.Cookies.Append(Name, protector.Protect(payload, expires), Options(context));
    }

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context));

    /// <summary>The signed-in viewer, or null when there is no valid session.</summary>
    public async ValueTask<Viewer?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(value, out _);
        }
        catch (CryptographicException)
        {
            // Tampered with, expired, or from another hub's keys: the visitor is simply not signed in.
            return null;
        }

        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0
            || !long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId)
            || !long.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return null;
        }

        var token = await metadata.FindAccessTokenByIdAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.UserId != userId || token.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return null;
        }

        return new Viewer(token.UserId, token.UserName, token.Id, token.Name, token.Scopes);
    }

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
