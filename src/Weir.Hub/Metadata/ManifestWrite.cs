namespace Weir.Hub.Metadata;

/// <summary>A validated manifest ready to be stored: its exact bytes and what was extracted from them.</summary>
internal sealed record ManifestWrite(
    string Digest,
    string MediaType,
    string? ArtifactType,
    string? SubjectDigest,
    byte[] Content,
    string? AnnotationsJson,
    IReadOnlyList<ManifestReference> References);
