using Weir.Hub.Auth;

namespace Weir.Hub.Web.Sessions;

/// <summary>
/// The signed-in person behind a page request and the access token they signed in with. The session never
/// grants more than that token: changes to repositories need its admin scope, new tokens get at most its scopes.
/// </summary>
internal sealed record Viewer(long UserId, string UserName, long TokenId, string TokenName, AccessScopes Scopes)
{
    /// <summary>The token's scopes with admin expanded to every scope.</summary>
    public AccessScopes EffectiveScopes => AccessScopeText.Expand(Scopes);

    /// <summary>The registry caller the same token makes, for the shared repository rules.</summary>
    public Caller ToCaller() => Caller.WithAccessToken(UserId, UserName, Scopes);
}
