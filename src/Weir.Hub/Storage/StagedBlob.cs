using Weir.Oci.Content;

namespace Weir.Hub.Storage;

/// <summary>A completed upload whose bytes were verified against their digest and flushed to disk, ready to be adopted by the blob store.</summary>
internal sealed record StagedBlob(Digest Digest, long Length, string Path);
