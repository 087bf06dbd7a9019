namespace Weir.Hub.Metadata;

/// <summary>A stored manifest. <paramref name="Content"/> is null when the caller asked only for the description (HEAD).</summary>
internal sealed record ManifestRecord(long Id, string Digest, string MediaType, string? ArtifactType, string? SubjectDigest, long Size, byte[]? Content, DateTimeOffset CreatedAt);
