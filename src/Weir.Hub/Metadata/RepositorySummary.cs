namespace Weir.Hub.Metadata;

/// <summary>
/// A repository as the web pages list it: ownership and visibility, what describes it, its counters and
/// its newest tag. <paramref name="Description"/> is the owner's text; <paramref name="ModuleDescription"/>
/// comes from the newest tagged manifest's annotations.
/// </summary>
internal sealed record RepositorySummary(
    long Id,
    string Name,
    bool IsPublic,
    long? OwnerUserId,
    long? OwnerOrganizationId,
    string Description,
    string ModuleDescription,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> AbiVersions,
    long Downloads,
    long Stars,
    long TagCount,
    string? LatestTag,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The owner's description when there is one, else the module's.</summary>
    public string DisplayDescription => Description.Length > 0 ? Description : ModuleDescription;
}
