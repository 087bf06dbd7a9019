using Weir.Hub.Auth;

namespace Weir.Hub.Metadata;

/// <summary>A stored access token: only the hash of its secret is kept.</summary>
internal sealed record AccessTokenRecord(long Id, long UserId, string UserName, string Name, AccessScopes Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
