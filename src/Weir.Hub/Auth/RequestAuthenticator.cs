using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Weir.Hub.Metadata;

namespace Weir.Hub.Auth;

/// <summary>
/// Identifies the caller of a registry request from its <c>Authorization</c> header: a bearer token from
/// <c>/token</c>, Basic <c>user:access-token</c>, or nothing (anonymous).
/// </summary>
internal sealed class RequestAuthenticator
{
    private readonly AccessTokenService accessTokens;
    private readonly RegistryTokenCodec bearerTokens;
    private readonly IMetadataStore metadata;
    private readonly ConcurrentDictionary<string, long> userIds = new(StringComparer.Ordinal);

    public RequestAuthenticator(AccessTokenService accessTokens, RegistryTokenCodec bearerTokens, IMetadataStore metadata)
    {
        this.accessTokens = accessTokens;
        this.bearerTokens = bearerTokens;
        this.metadata = metadata;
    }

    /// <summary>The caller, or null when credentials were sent but are not valid.</summary>
    public async ValueTask<AuthenticationResult> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (header.Length == 0)
        {
            return new AuthenticationResult(Caller.Anonymous, null);
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space > 0 ? header[..space] : header;
        var parameter = space > 0 ? header[(space + 1)..].Trim() : string.Empty;
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var claims = bearerTokens.Verify(parameter);
            if (claims is null)
            {
                return new AuthenticationResult(null, "invalid_token");
            }

            if (claims.Subject.Length == 0)
            {
                return new AuthenticationResult(Caller.WithBearer(null, null, claims), null);
            }

            var userId = await FindUserIdAsync(claims.Subject, cancellationToken).ConfigureAwait(false);
            return userId is null
                ? new AuthenticationResult(null, "invalid_token")
                : new AuthenticationResult(Caller.WithBearer(userId, claims.Subject, claims), null);
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && BasicCredentials.TryParse(parameter, out var user, out var secret))
        {
            var token = await accessTokens.VerifyAsync(user, secret, cancellationToken).ConfigureAwait(false);
            return token is null
                ? new AuthenticationResult(null, "invalid_token")
                : new AuthenticationResult(Caller.WithAccessToken(token.UserId, token.UserName, token.Scopes), null);
        }

        return new AuthenticationResult(null, "invalid_request");
    }

    private async ValueTask<long?> FindUserIdAsync(string name, CancellationToken cancellationToken)
    {
        if (userIds.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var user = await metadata.FindUserAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        userIds[name] = user.Id;
        return user.Id;
    }
}
