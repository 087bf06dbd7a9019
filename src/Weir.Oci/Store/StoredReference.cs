using Weir.Oci.Content;

namespace Weir.Oci.Store;

/// <summary>A reference recorded in the local store.</summary>
/// <param name="Reference">The reference (registry, repository, tag or digest).</param>
/// <param name="Manifest">The manifest (or index) it points to, with the media type it was pushed or served with.</param>
/// <param name="Created">When the reference was written into the local store.</param>
public sealed record StoredReference(Reference Reference, Descriptor Manifest, DateTimeOffset Created);
