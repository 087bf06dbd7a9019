namespace Weir.Hub.Registry;

/// <summary>Which part of the distribution API a <c>/v2/…</c> path addresses.</summary>
internal enum RegistryEndpointKind
{
    /// <summary><c>/v2/</c>: the version check.</summary>
    Base,

    /// <summary><c>/v2/_catalog</c>.</summary>
    Catalog,

    /// <summary><c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
    Blob,

    /// <summary><c>/v2/&lt;name&gt;/blobs/uploads/</c>: starts (or mounts, or completes) an upload.</summary>
    UploadStart,

    /// <summary><c>/v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;</c>: one upload session.</summary>
    UploadSession,

    /// <summary><c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>.</summary>
    Manifest,

    /// <summary><c>/v2/&lt;name&gt;/tags/list</c>.</summary>
    TagList,

    /// <summary><c>/v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>.</summary>
    Referrers,
}
