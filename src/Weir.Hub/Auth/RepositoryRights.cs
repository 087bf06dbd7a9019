using Weir.Hub.Metadata;

namespace Weir.Hub.Auth;

/// <summary>
/// What a caller may do with one repository regardless of credential scopes, and, for a repository that
/// does not exist yet, who would own it if the caller's push created it.
/// </summary>
internal sealed record RepositoryRights(RepositoryRecord? Repository, AccessScopes Allowed, NewRepository? Creation);
