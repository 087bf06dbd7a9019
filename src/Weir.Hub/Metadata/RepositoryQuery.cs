namespace Weir.Hub.Metadata;

/// <summary>
/// Which repositories a listing shows. Only repositories <paramref name="ViewerUserId"/> may pull are ever
/// returned or counted (public ones for anonymous viewers). Every set filter must hold; each search term
/// is a prefix some indexed term of the repository must start with (see <see cref="Search.SearchTerms"/>).
/// </summary>
internal sealed record RepositoryQuery(
    long? ViewerUserId,
    RepositoryOrder Order,
    int Limit,
    int Offset = 0,
    IReadOnlyList<string>? Terms = null,
    long? OwnerUserId = null,
    long? OwnerOrganizationId = null,
    long? StarredByUserId = null,
    bool IncludeTotal = false);
