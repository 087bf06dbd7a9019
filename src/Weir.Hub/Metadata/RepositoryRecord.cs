namespace Weir.Hub.Metadata;

/// <summary>A repository and who owns it: exactly one of <paramref name="OwnerUserId"/> and <paramref name="OwnerOrganizationId"/> is set.</summary>
internal sealed record RepositoryRecord(long Id, string Name, bool IsPublic, long? OwnerUserId, long? OwnerOrganizationId, DateTimeOffset CreatedAt);
