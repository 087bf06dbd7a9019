using Weir.Hub.Metadata;

namespace Weir.Hub.Manifests;

/// <summary>What the registry needs to know about a pushed manifest, extracted from its exact bytes.</summary>
/// <param name="MediaType">The manifest's type: its <c>mediaType</c> member, else the Content-Type it was pushed with.</param>
/// <param name="ArtifactType">What the referrers API reports: <c>artifactType</c>, else (for image manifests) <c>config.mediaType</c>.</param>
/// <param name="SubjectDigest">The <c>subject</c> digest, when the manifest refers to another one.</param>
/// <param name="AnnotationsJson">The <c>annotations</c> object as raw JSON, when present.</param>
/// <param name="References">Blobs (config, layers) and manifests (index children) that must exist in the repository.</param>
internal sealed record ManifestDocument(
    string MediaType,
    string? ArtifactType,
    string? SubjectDigest,
    string? AnnotationsJson,
    IReadOnlyList<ManifestReference> References);
