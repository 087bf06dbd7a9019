using System.Net;
using Microsoft.Net.Http.Headers;
using Weir.Hub.Auth;

namespace Weir.Hub.Registry;

/// <summary>
/// Turns the access rules into registry answers: 401 with a Bearer challenge when a (better) token could
/// help, 403 DENIED when the caller is known and never allowed, and 404 NAME_UNKNOWN instead of 403 for
/// repositories the caller cannot even read, so private repositories do not reveal that they exist.
/// </summary>
internal sealed class RegistryAuthorization
{
    private readonly RepositoryPolicy policy;

    public RegistryAuthorization(RepositoryPolicy policy)
    {
        this.policy = policy;
    }

    public async ValueTask<RepositoryRights> RequireAsync(RegistryRequest request, string repository, AccessScopes needed)
    {
        var caller = request.Caller;
        var rights = await policy.EvaluateAsync(caller, repository, request.Aborted).ConfigureAwait(false);
        var granted = rights.Allowed & caller.CeilingFor(repository);
        if ((granted & needed) == needed)
        {
            return rights;
        }

        var scope = AuthenticationChallenge.RepositoryScope(repository, needed);
        if (!caller.IsAuthenticated)
        {
            throw Unauthorized(request, repository, needed, scope, caller.Kind == CallerKind.Bearer ? "insufficient_scope" : null);
        }

        if ((rights.Allowed & needed) == needed)
        {
            // The account may do this but the credential does not carry the scope.
            if (caller.Kind == CallerKind.Bearer)
            {
                throw Unauthorized(request, repository, needed, scope, "insufficient_scope");
            }

            throw new RegistryException(
                HttpStatusCode.Forbidden,
                RegistryErrorCode.Denied,
                $"the access token does not have the {AccessScopeText.Format(needed & ~granted)} scope",
                new { repository });
        }

        if ((rights.Allowed & AccessScopes.Pull) == 0)
        {
            throw RegistryException.NameUnknown(repository);
        }

        throw new RegistryException(
            HttpStatusCode.Forbidden,
            RegistryErrorCode.Denied,
            rights.Repository is null
                ? "you may not create repositories in this namespace"
                : $"you may not {AccessScopeText.Format(needed & ~rights.Allowed)} in this repository",
            new { repository });
    }

    /// <summary>Whether the caller may read <paramref name="repository"/> (for cross-repository mounts, where a refusal just means "upload instead").</summary>
    public async ValueTask<bool> CanPullAsync(RegistryRequest request, string repository)
    {
        var rights = await policy.EvaluateAsync(request.Caller, repository, request.Aborted).ConfigureAwait(false);
        return rights.Repository is not null && (rights.Allowed & request.Caller.CeilingFor(repository) & AccessScopes.Pull) != 0;
    }

    public static RegistryException Unauthorized(RegistryRequest request, string? repository, AccessScopes needed, string? scope, string? error)
    {
        object? detail = repository is null
            ? null
            : AccessScopeText.ToActions(needed.HasFlag(AccessScopes.Push) ? needed | AccessScopes.Pull : needed)
                .Select(action => new { Type = "repository", Name = repository, Action = action })
                .ToList();
        return new RegistryException(HttpStatusCode.Unauthorized, RegistryErrorCode.Unauthorized, "authentication required", detail)
        {
            Headers = new Dictionary<string, string>
            {
                [HeaderNames.WWWAuthenticate] = AuthenticationChallenge.Bearer(request.Request, scope, error),
            },
        };
    }
}
