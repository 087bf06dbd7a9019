using Weir.Oci.Content;

namespace Weir.Hub.Storage;

/// <summary>What a blob store knows about one stored blob.</summary>
/// <param name="Digest">The blob's content digest (its identity).</param>
/// <param name="Length">The size in bytes.</param>
/// <param name="LastWritten">When the blob was stored or last re-stored; garbage collection spares recent blobs.</param>
/// <param name="LocalPath">A file path when the store keeps the blob on the local file system, so it can be sent with sendfile; otherwise null.</param>
internal sealed record BlobStat(Digest Digest, long Length, DateTimeOffset LastWritten, string? LocalPath);
