namespace Weir.Hub.Metadata;

/// <summary>An organisation: a namespace whose repositories belong to all its members.</summary>
internal sealed record OrganizationRecord(long Id, string Name, DateTimeOffset CreatedAt);
