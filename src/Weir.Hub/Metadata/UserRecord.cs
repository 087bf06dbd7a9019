namespace Weir.Hub.Metadata;

/// <summary>A hub account.</summary>
internal sealed record UserRecord(long Id, string Name, DateTimeOffset CreatedAt);
