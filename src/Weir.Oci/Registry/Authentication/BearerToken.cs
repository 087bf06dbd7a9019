namespace Weir.Oci.Registry.Authentication;

/// <summary>A token from a registry's token endpoint and when to stop using it.</summary>
internal sealed record BearerToken(string Value, DateTimeOffset ExpiresAt);
