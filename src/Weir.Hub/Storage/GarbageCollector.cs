using System.Diagnostics;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata;

namespace Weir.Hub.Storage;

/// <summary>
/// Mark and sweep that runs while the hub serves traffic. Mark: every blob some manifest references.
/// Sweep: a blob that is unmarked, and neither stored nor linked to a repository within the grace
/// period before the collection started, is released in the metadata and then deleted — unless an
/// upload or mount refreshed it in the meantime (see <see cref="IBlobStore.DeleteIfUnusedSinceAsync"/>).
/// Upload sessions idle for longer than the expiry are dropped in the same pass.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly IMetadataStore metadata;
    private readonly IBlobStore blobs;
    private readonly UploadStore uploads;
    private readonly HubOptions options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim running = new(1, 1);

    public GarbageCollector(IMetadataStore metadata, IBlobStore blobs, UploadStore uploads, HubOptions options, TimeProvider time)
    {
        this.metadata = metadata;
        this.blobs = blobs;
        this.uploads = uploads;
        this.options = options;
        this.time = time;
    }

    public async Task<GarbageCollectionReport> CollectAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var started = time.GetUtcNow();
            var cutoff = started - options.GarbageCollectionGracePeriod;
            var expired = await uploads.ExpireAsync(started - options.UploadExpiry, cancellationToken).ConfigureAwait(false);

            var marked = await metadata.ListReferencedBlobsAsync(cancellationToken).ConfigureAwait(false);
            int scanned = 0, deleted = 0;
            long freed = 0;
            await foreach (var blob in blobs.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                scanned++;
                if (marked.Contains(blob.Digest.Value) || blob.LastWritten >= cutoff)
                {
                    continue;
                }

                if (!await metadata.ReleaseBlobAsync(blob.Digest.Value, cutoff, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (await blobs.DeleteIfUnusedSinceAsync(blob.Digest, cutoff, cancellationToken).ConfigureAwait(false))
                {
                    deleted++;
                    freed += blob.Length;
                }
            }

            return new GarbageCollectionReport(scanned, deleted, freed, expired, stopwatch.Elapsed);
        }
        finally
        {
            running.Release();
        }
    }
}
