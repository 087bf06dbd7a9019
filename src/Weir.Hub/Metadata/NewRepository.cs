namespace Weir.Hub.Metadata;

/// <summary>
/// The repository a write goes to, with the owner and visibility to give it if the write creates it.
/// Repositories are created in the same transaction as their first blob or manifest, so a refused
/// first push leaves no empty repository behind.
/// </summary>
internal sealed record NewRepository(string Name, long? OwnerUserId, long? OwnerOrganizationId, bool IsPublic);
