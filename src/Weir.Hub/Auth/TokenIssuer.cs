using Weir.Hub.Hosting;
using Weir.Oci.Content;

namespace Weir.Hub.Auth;

/// <summary>
/// Decides what a bearer token grants: for each requested scope, the intersection of the requested
/// actions, the caller's rights on the repository and the ceiling of the caller's credential. Partial
/// grants are not errors (the registry refuses the request later with a precise status).
/// </summary>
internal sealed class TokenIssuer
{
    private readonly RepositoryPolicy policy;
    private readonly RegistryTokenCodec codec;
    private readonly HubOptions options;

    public TokenIssuer(RepositoryPolicy policy, RegistryTokenCodec codec, HubOptions options)
    {
        this.policy = policy;
        this.codec = codec;
        this.options = options;
    }

    public async ValueTask<IssuedToken> IssueAsync(Caller caller, IEnumerable<string> requestedScopes, CancellationToken cancellationToken)
    {
        var granted = new List<ResourceAccess>();
        foreach (var scope in requestedScopes.SelectMany(value => value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal))
        {
            var requested = ResourceAccess.Parse(scope);
            if (requested is null)
            {
                continue;
            }

            if (requested.Type == ResourceAccess.RegistryType && requested.Name == ResourceAccess.CatalogName)
            {
                // The catalog is filtered per caller, so anyone may ask for it.
                granted.Add(requested with { Actions = ["*"] });
                continue;
            }

            if (requested.Type != ResourceAccess.RepositoryType || !Reference.IsValidRepository(requested.Name))
            {
                continue;
            }

            var rights = await policy.EvaluateAsync(caller, requested.Name, cancellationToken).ConfigureAwait(false);
            var allowed = AccessScopeText.ParseActions(requested.Actions) & rights.Allowed & caller.CeilingFor(requested.Name);
            var actions = AccessScopeText.ToActions(allowed & ~AccessScopes.Admin);
            if (actions.Count > 0)
            {
                granted.Add(requested with { Actions = actions });
            }
        }

        var token = codec.Issue(caller.UserName ?? string.Empty, granted, options.BearerTokenLifetime, out var issuedAt);
        return new IssuedToken(token, (int)options.BearerTokenLifetime.TotalSeconds, issuedAt, granted);
    }
}
