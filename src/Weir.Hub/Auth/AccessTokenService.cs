using Weir.Hub.Metadata;

namespace Weir.Hub.Auth;

/// <summary>Creates access tokens and checks <c>user:token</c> credentials against them.</summary>
internal sealed class AccessTokenService
{
    private readonly IMetadataStore metadata;
    private readonly TimeProvider time;

    public AccessTokenService(IMetadataStore metadata, TimeProvider time)
    {
        this.metadata = metadata;
        this.time = time;
    }

    /// <summary>Creates <paramref name="userName"/> if needed and issues a new token; the secret is returned once and never stored.</summary>
    /// <exception cref="ArgumentException">The user name or the scopes are invalid.</exception>
    /// <exception cref="MetadataConflictException">The name belongs to an organisation.</exception>
    public async ValueTask<(string Secret, AccessTokenRecord Token, bool UserCreated)> CreateAsync(
        string userName,
        AccessScopes scopes,
        string? tokenName,
        DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        if (AccountName.Validate(userName) is { } problem)
        {
            throw new ArgumentException($"Invalid user name '{userName}': {problem}.", nameof(userName));
        }

        if (scopes == AccessScopes.None)
        {
            throw new ArgumentException("A token needs at least one scope (pull, push, delete or admin).", nameof(scopes));
        }

        var now = time.GetUtcNow();
        var (user, created) = await metadata.EnsureUserAsync(userName, now, cancellationToken).ConfigureAwait(false);
        var secret = AccessTokenSecret.Generate();
        var token = await metadata.CreateAccessTokenAsync(
            user.Id,
            tokenName ?? $"token-{now:yyyyMMddHHmmss}",
            AccessTokenSecret.Hash(secret),
            scopes,
            now,
            expiresAt,
            cancellationToken).ConfigureAwait(false);
        return (secret, token, created);
    }

    /// <summary>The token for <paramref name="userName"/>/<paramref name="secret"/>, or null when they do not match a live token.</summary>
    public async ValueTask<AccessTokenRecord?> VerifyAsync(string userName, string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(AccessTokenSecret.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var token = await metadata.FindAccessTokenAsync(AccessTokenSecret.Hash(secret), cancellationToken).ConfigureAwait(false);
        if (token is null || !string.Equals(token.UserName, userName, StringComparison.Ordinal))
        {
            return null;
        }

        return token.ExpiresAt is { } expires && expires <= time.GetUtcNow() ? null : token;
    }
}
