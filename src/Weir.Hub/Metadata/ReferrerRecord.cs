namespace Weir.Hub.Metadata;

/// <summary>A manifest whose <c>subject</c> names another manifest, as the referrers API lists it.</summary>
internal sealed record ReferrerRecord(string Digest, string MediaType, string? ArtifactType, long Size, string? AnnotationsJson);
