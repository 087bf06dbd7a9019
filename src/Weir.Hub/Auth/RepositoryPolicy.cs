using Weir.Hub.Hosting;
using Weir.Hub.Metadata;

namespace Weir.Hub.Auth;

/// <summary>
/// The hub's access rules. Public repositories are pullable by anyone; everything else belongs to the
/// owning user or to every member of the owning organisation. A push to a repository that does not exist
/// creates it: in the pusher's namespace, in an organisation's namespace when the pusher is a member, or
/// at the top level; never in another user's or in a foreign organisation's namespace.
/// </summary>
internal sealed class RepositoryPolicy
{
    private readonly IMetadataStore metadata;
    private readonly HubOptions options;

    public RepositoryPolicy(IMetadataStore metadata, HubOptions options)
    {
        this.metadata = metadata;
        this.options = options;
    }

    public async ValueTask<RepositoryRights> EvaluateAsync(Caller caller, string repositoryName, CancellationToken cancellationToken)
    {
        var repository = await metadata.FindRepositoryAsync(repositoryName, cancellationToken).ConfigureAwait(false);
        return await EvaluateAsync(caller, repositoryName, repository, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RepositoryRights> EvaluateAsync(Caller caller, string repositoryName, RepositoryRecord? repository, CancellationToken cancellationToken)
    {
        if (repository is not null)
        {
            var allowed = repository.IsPublic ? AccessScopes.Pull : AccessScopes.None;
            if (caller.UserId is { } userId && await IsOwnerAsync(repository, userId, cancellationToken).ConfigureAwait(false))
            {
                allowed = AccessScopes.All;
            }

            return new RepositoryRights(repository, allowed, null);
        }

        if (caller.UserId is not { } callerId || caller.UserName is not { } callerName)
        {
            return new RepositoryRights(null, AccessScopes.None, null);
        }

        // Reading or deleting what does not exist ends in a 404, which tells a signed-in caller nothing
        // they could not learn by pushing; creating it depends on the namespace.
        var creation = await CreationFor(callerId, callerName, repositoryName, cancellationToken).ConfigureAwait(false);
        var rights = AccessScopes.Pull | AccessScopes.Delete;
        if (creation is not null)
        {
            rights |= AccessScopes.Push | AccessScopes.Admin;
        }

        return new RepositoryRights(null, rights, creation);
    }

    private async ValueTask<bool> IsOwnerAsync(RepositoryRecord repository, long userId, CancellationToken cancellationToken)
    {
        if (repository.OwnerUserId == userId)
        {
            return true;
        }

        return repository.OwnerOrganizationId is { } organizationId
            && await metadata.IsOrganizationMemberAsync(organizationId, userId, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<NewRepository?> CreationFor(long userId, string userName, string repositoryName, CancellationToken cancellationToken)
    {
        var slash = repositoryName.IndexOf('/', StringComparison.Ordinal);
        var ownedByUser = new NewRepository(repositoryName, userId, null, options.NewRepositoriesArePublic);
        if (slash < 0)
        {
            return ownedByUser;
        }

        var firstComponent = repositoryName[..slash];
        if (firstComponent == userName)
        {
            return ownedByUser;
        }

        var organization = await metadata.FindOrganizationAsync(firstComponent, cancellationToken).ConfigureAwait(false);
        if (organization is not null)
        {
            return await metadata.IsOrganizationMemberAsync(organization.Id, userId, cancellationToken).ConfigureAwait(false)
                ? new NewRepository(repositoryName, null, organization.Id, options.NewRepositoriesArePublic)
                : null;
        }

        return await metadata.FindUserAsync(firstComponent, cancellationToken).ConfigureAwait(false) is null ? ownedByUser : null;
    }
}
