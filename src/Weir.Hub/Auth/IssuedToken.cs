namespace Weir.Hub.Auth;

/// <summary>A bearer token as the token endpoint returns it.</summary>
internal sealed record IssuedToken(string Token, int ExpiresInSeconds, DateTimeOffset IssuedAt, IReadOnlyList<ResourceAccess> Granted);
