namespace Weir.Hub.Auth;

/// <summary>The verified content of a bearer token: who (empty subject for anonymous) and what.</summary>
internal sealed record RegistryTokenClaims(string Subject, IReadOnlyList<ResourceAccess> Access, DateTimeOffset ExpiresAt)
{
    /// <summary>The actions granted on one repository.</summary>
    public AccessScopes ScopesFor(string repository)
    {
        var scopes = AccessScopes.None;
        foreach (var entry in Access)
        {
            if (entry.Type == ResourceAccess.RepositoryType && string.Equals(entry.Name, repository, StringComparison.Ordinal))
            {
                scopes |= AccessScopeText.ParseActions(entry.Actions);
            }
        }

        return scopes;
    }
}
