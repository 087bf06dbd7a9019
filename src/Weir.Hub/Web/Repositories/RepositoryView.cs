using Weir.Hub.Auth;
using Weir.Hub.Metadata;

namespace Weir.Hub.Web.Repositories;

/// <summary>A repository the viewer may see, with what the viewer may do to it (the account's rights within the session token's scopes).</summary>
internal sealed record RepositoryView(RepositoryRecord Record, RepositorySummary Summary, AccessScopes Granted)
{
    /// <summary>Owners signed in with an admin token may change visibility, description, labels and README.</summary>
    public bool CanAdminister => (Granted & AccessScopes.Admin) != 0;
}
