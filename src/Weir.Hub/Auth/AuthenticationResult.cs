namespace Weir.Hub.Auth;

/// <summary>Either a caller, or the reason (an RFC 6750 error such as <c>invalid_token</c>) the credentials were refused.</summary>
internal sealed record AuthenticationResult(Caller? Caller, string? Error);
