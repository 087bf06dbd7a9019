using Weir.Oci.Content;

namespace Weir.Hub.Storage;

/// <summary>
/// Content-addressed blob storage. The file-system store is the default; the interface is what an
/// S3-compatible store implements. A blob, once visible, always has exactly the bytes of its digest.
/// </summary>
internal interface IBlobStore
{
    /// <summary>Size and age of a blob, or null when it is not stored.</summary>
    ValueTask<BlobStat?> StatAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Opens a stored blob for reading from <paramref name="offset"/>, or returns null when it is not stored.</summary>
    ValueTask<Stream?> OpenReadAsync(Digest digest, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Takes ownership of a local file whose content has already been verified to hash to
    /// <paramref name="digest"/> and flushed to disk, and makes it the stored blob. When the blob is
    /// already stored the file is discarded and the stored blob's age refreshed (so a concurrent
    /// garbage collection keeps it).
    /// </summary>
    ValueTask AdoptVerifiedFileAsync(Digest digest, string verifiedFile, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a stored blob as freshly used (so a running garbage collection keeps it); returns false
    /// when the blob is not stored (any more).
    /// </summary>
    ValueTask<bool> RefreshAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a blob unless it was stored or refreshed at or after <paramref name="cutoff"/>; returns
    /// whether it was deleted. Garbage collection calls this after the metadata released the blob, and
    /// the check closes the race with a concurrent upload or mount of the same content.
    /// </summary>
    ValueTask<bool> DeleteIfUnusedSinceAsync(Digest digest, DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Enumerates every stored blob (for garbage collection and consistency checks).</summary>
    IAsyncEnumerable<BlobStat> ListAsync(CancellationToken cancellationToken);
}
