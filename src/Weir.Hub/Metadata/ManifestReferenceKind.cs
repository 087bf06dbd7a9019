namespace Weir.Hub.Metadata;

/// <summary>What a manifest points at: a blob (config, layer) or another manifest (an index's children).</summary>
internal enum ManifestReferenceKind
{
    Blob = 0,
    Manifest = 1,
}
