namespace Weir.Hub.Metadata;

/// <summary>One content a manifest requires to exist in its repository.</summary>
internal sealed record ManifestReference(string Digest, ManifestReferenceKind Kind);
