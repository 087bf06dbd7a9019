namespace Weir.Hub.Auth;

/// <summary>
/// Who is calling and the most their credential allows: an access token's scopes, or a bearer token's
/// access list. What they may actually do also depends on the repository (see <see cref="RepositoryPolicy"/>).
/// </summary>
internal sealed class Caller
{
    private readonly AccessScopes tokenScopes;
    private readonly RegistryTokenClaims? claims;

    private Caller(CallerKind kind, long? userId, string? userName, AccessScopes tokenScopes, RegistryTokenClaims? claims)
    {
        Kind = kind;
        UserId = userId;
        UserName = userName;
        this.tokenScopes = tokenScopes;
        this.claims = claims;
    }

    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, null, null, AccessScopes.All, null);

    public CallerKind Kind { get; }

    public long? UserId { get; }

    public string? UserName { get; }

    public bool IsAuthenticated => UserId is not null;

    public static Caller WithAccessToken(long userId, string userName, AccessScopes scopes) =>
        new(CallerKind.AccessToken, userId, userName, AccessScopeText.Expand(scopes), null);

    public static Caller WithBearer(long? userId, string? userName, RegistryTokenClaims claims) =>
        new(CallerKind.Bearer, userId, userName, AccessScopes.None, claims);

    /// <summary>The ceiling the credential puts on actions for <paramref name="repository"/>; anonymous callers have none (the repository decides).</summary>
    public AccessScopes CeilingFor(string repository) => claims is null ? tokenScopes : claims.ScopesFor(repository);
}
