namespace Weir.Oci.Registry.Authentication;

/// <summary>Credentials for one registry: a user name and password, or a token.</summary>
public sealed record RegistryCredential
{
    /// <summary>The user name (for Basic auth and the token endpoint).</summary>
    public string? Username { get; init; }

    /// <summary>The password or personal access token.</summary>
    public string? Password { get; init; }

    /// <summary>An OAuth refresh token (Docker's <c>identitytoken</c>), exchanged at the token endpoint with the POST flow.</summary>
    public string? IdentityToken { get; init; }

    /// <summary>A bearer token sent as is (Docker's <c>registrytoken</c>).</summary>
    public string? RegistryToken { get; init; }

    /// <summary>Where the credential came from, for messages (e.g. <c>~/.docker/config.json</c>).</summary>
    public string? Source { get; init; }

    /// <summary>Says whether a user name and password are present.</summary>
    public bool HasPassword => !string.IsNullOrEmpty(Username) && Password is not null;

    /// <summary>Creates a user name and password credential.</summary>
    public static RegistryCredential FromPassword(string username, string password, string? source = null) =>
        new() { Username = username, Password = password, Source = source };

    /// <summary>Hides the secrets so a credential can be logged.</summary>
    public override string ToString() => $"RegistryCredential {{ Username = {Username}, Source = {Source} }}";
}
