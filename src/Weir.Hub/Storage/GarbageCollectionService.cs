using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weir.Hub.Hosting;

namespace Weir.Hub.Storage;

/// <summary>Runs <see cref="GarbageCollector"/> on the configured interval for as long as the hub runs.</summary>
internal sealed partial class GarbageCollectionService : BackgroundService
{
    private readonly GarbageCollector collector;
    private readonly HubOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<GarbageCollectionService> logger;

    public GarbageCollectionService(GarbageCollector collector, HubOptions options, TimeProvider time, ILogger<GarbageCollectionService> logger)
    {
        this.collector = collector;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.GarbageCollectionInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.GarbageCollectionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var report = await collector.CollectAsync(stoppingToken).ConfigureAwait(false);
                LogCollected(logger, report.BlobsScanned, report.BlobsDeleted, report.BytesFreed, report.UploadsExpired, report.Duration.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed pass leaves everything in place; the next one starts over.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection: {Scanned} blobs scanned, {Deleted} deleted ({Bytes} bytes), {Uploads} stale uploads removed in {Milliseconds:F0} ms")]
    private static partial void LogCollected(ILogger logger, int scanned, int deleted, long bytes, int uploads, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection failed; it will run again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
