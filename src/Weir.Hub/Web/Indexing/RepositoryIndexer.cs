using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weir.Hub.Metadata;
using Weir.Hub.Registry;
using Weir.Hub.Web.Modules;
using Weir.Hub.Web.Repositories;
using Weir.Oci.Content;
using Weir.Oci.Modules;

namespace Weir.Hub.Web.Indexing;

/// <summary>
/// Keeps the search index current: after every manifest push or deletion (in the background, so the
/// registry never waits for it) it reads the repository's newest tagged module for its description annotation and proxy-wasm ABI
/// versions and rebuilds the repository's search words. On start it indexes repositories that predate the index.
/// </summary>
internal sealed partial class RepositoryIndexer : BackgroundService, IManifestObserver
{
    private const int BackfillBatch = 200;
    private const int MaxDescriptionLength = 500;

    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> queued = new(StringComparer.Ordinal);
    private readonly IMetadataStore metadata;
    private readonly ModuleArtifactReader reader;
    private readonly TimeProvider time;
    private readonly ILogger<RepositoryIndexer> logger;
    private int outstanding;

    public RepositoryIndexer(IMetadataStore metadata, ModuleArtifactReader reader, TimeProvider time, ILogger<RepositoryIndexer> logger)
    {
        this.metadata = metadata;
        this.reader = reader;
        this.time = time;
        this.logger = logger;

        // The start-up backfill counts as outstanding work until it is done.
        outstanding = 1;
    }

    public void RepositoryChanged(string repositoryName) => Enqueue(repositoryName);

    public void ManifestPulled(RepositoryRecord repository, ManifestRecord manifest)
    {
        // Pulls change nothing the index holds.
    }

    public void Enqueue(string repositoryName)
    {
        if (queued.TryAdd(repositoryName, 0))
        {
            Interlocked.Increment(ref outstanding);
            queue.Writer.TryWrite(repositoryName);
        }
    }

    /// <summary>Completes once everything queued so far (and the start-up backfill) is indexed.</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref outstanding) > 0)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the newest tagged module of <paramref name="repositoryName"/> and stores its profile and search words.</summary>
    public async Task IndexAsync(string repositoryName, CancellationToken cancellationToken)
    {
        var repository = await metadata.FindRepositoryAsync(repositoryName, cancellationToken).ConfigureAwait(false);
        if (repository is null)
        {
            return;
        }

        var description = string.Empty;
        var abiVersions = new List<string>();
        var tags = await metadata.ListTagSummariesAsync(repository.Id, 1, cancellationToken).ConfigureAwait(false);
        var manifest = tags.Count == 0
            ? null
            : await metadata.FindManifestByDigestAsync(repository.Id, tags[0].Digest, includeContent: true, cancellationToken).ConfigureAwait(false);
        if (manifest is not null)
        {
            description = ManifestAnnotations.Read(manifest.Content).GetValueOrDefault(AnnotationKeys.Description) ?? string.Empty;
            try
            {
                var artifact = await reader.ReadAsync(repository.Id, manifest, cancellationToken).ConfigureAwait(false);
                description = artifact.Annotations.GetValueOrDefault(AnnotationKeys.Description) ?? description;
                abiVersions.AddRange(WasmModuleReader.Read(artifact.Module).ProxyAbiVersions);
                foreach (var declared in artifact.RuntimeConfig?.AbiVersions ?? [])
                {
                    if (!abiVersions.Contains(declared))
                    {
                        abiVersions.Add(declared);
                    }
                }
            }
            catch (Exception exception) when (exception is ModuleArtifactException or InvalidWasmModuleException)
            {
                // Not a module the hub can read (any OCI content may be pushed): it is found by name and description only.
                LogNotAModule(logger, repositoryName, exception.Message);
            }
        }

        if (description.Length > MaxDescriptionLength)
        {
            description = description[..MaxDescriptionLength];
        }

        await metadata.UpdateRepositoryProfileAsync(repository.Id, new RepositoryProfile(description, abiVersions), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await BackfillAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogBackfillFailed(logger, exception);
        }
        finally
        {
            Interlocked.Decrement(ref outstanding);
        }

        try
        {
            await foreach (var name in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // Removed before indexing, so a push that lands meanwhile queues the repository again.
                queued.TryRemove(name, out _);
                try
                {
                    await IndexAsync(name, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogIndexFailed(logger, name, exception);
                }
                finally
                {
                    Interlocked.Decrement(ref outstanding);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; what is still queued is indexed after the next start (a push marks nothing as indexed).
        }
    }

    private async Task BackfillAsync(CancellationToken cancellationToken)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var names = await metadata.ListUnindexedRepositoriesAsync(BackfillBatch + failed.Count, cancellationToken).ConfigureAwait(false);
            var todo = names.Where(name => !failed.Contains(name)).ToList();
            if (todo.Count == 0)
            {
                return;
            }

            foreach (var name in todo)
            {
                try
                {
                    await IndexAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failed.Add(name);
                    LogIndexFailed(logger, name, exception);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Repository {Repository} is indexed without module details: {Reason}")]
    private static partial void LogNotAModule(ILogger logger, string repository, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repository {Repository} could not be indexed for search")]
    private static partial void LogIndexFailed(ILogger logger, string repository, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing the repositories that predate the search index failed")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);
}
