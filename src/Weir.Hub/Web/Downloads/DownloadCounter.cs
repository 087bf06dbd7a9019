using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weir.Hub.Metadata;
using Weir.Hub.Registry;

namespace Weir.Hub.Web.Downloads;

/// <summary>
/// Counts manifest GETs (a pull) per manifest and repository. Pulls only bump an in-memory counter; the
/// totals are written in one transaction every <see cref="FlushInterval"/> and when the hub stops, so
/// pulls never wait for a database write and a burst of pulls costs one write.
/// </summary>
internal sealed partial class DownloadCounter : BackgroundService, IManifestObserver
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);

    private readonly object gate = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly IMetadataStore metadata;
    private readonly ILogger<DownloadCounter> logger;
    private Dictionary<(long RepositoryId, long ManifestId), long> pending = [];

    public DownloadCounter(IMetadataStore metadata, ILogger<DownloadCounter> logger)
    {
        this.metadata = metadata;
        this.logger = logger;
    }

    public void ManifestPulled(RepositoryRecord repository, ManifestRecord manifest)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(manifest);
        lock (gate)
        {
            var key = (repository.Id, manifest.Id);
            pending[key] = pending.GetValueOrDefault(key) + 1;
        }
    }

    public void RepositoryChanged(string repositoryName)
    {
        // Pushes and deletions are not downloads.
    }

    /// <summary>Writes the counts gathered so far; on failure they are kept for the next attempt.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<(long RepositoryId, long ManifestId), long> batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    return;
                }

                batch = pending;
                pending = [];
            }

            try
            {
                await metadata.AddDownloadsAsync(batch.Select(entry => new DownloadCount(entry.Key.RepositoryId, entry.Key.ManifestId, entry.Value)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (gate)
                {
                    foreach (var (key, count) in batch)
                    {
                        pending[key] = pending.GetValueOrDefault(key) + count;
                    }
                }

                throw;
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFlushFailed(logger, exception);
        }
    }

    public override void Dispose()
    {
        flushing.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFlushFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download counts could not be written; they are kept and retried")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
