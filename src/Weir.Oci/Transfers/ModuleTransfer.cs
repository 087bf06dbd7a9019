using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Registry;
using Weir.Oci.Store;

namespace Weir.Oci.Transfers;

/// <summary>Moves modules between the local store and registries: what <c>weir push</c> and <c>weir pull</c> do.</summary>
public sealed class ModuleTransfer
{
    private const int MaxMountSources = 3;
    private readonly LocalStore store;
    private readonly RegistryClient client;

    /// <summary>Creates a transfer between <paramref name="store"/> and the registries <paramref name="client"/> reaches.</summary>
    public ModuleTransfer(LocalStore store, RegistryClient client)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        this.store = store;
        this.client = client;
    }

    /// <summary>
    /// Pushes what the local store holds under <paramref name="source"/> to <paramref name="target"/> (the same
    /// reference when null): blobs first (skipping those present, mounting those another repository of the
    /// same registry has), the manifest last, with its exact bytes.
    /// </summary>
    /// <exception cref="StoreEntryNotFoundException">The source is not in the local store.</exception>
    /// <exception cref="RegistryException">The registry refused something.</exception>
    public async Task<PushResult> PushAsync(Reference source, Reference? target = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        target ??= source;
        var entry = store.Find(source) ?? throw new StoreEntryNotFoundException($"'{source}' is not in the local store; 'weir list' shows what is.");
        var blobs = new List<(Descriptor, BlobUploadResult)>();
        var mountSources = MountSources(target);
        var manifestBytes = await store.ReadBlobAsync(entry.Manifest.Digest, cancellationToken).ConfigureAwait(false);
        if (IsIndex(manifestBytes, entry.Manifest.MediaType))
        {
            foreach (var child in ImageIndex.Parse(manifestBytes).Manifests)
            {
                var childBytes = await store.ReadBlobAsync(child.Digest, cancellationToken).ConfigureAwait(false);
                await PushImageBlobsAsync(target, childBytes, mountSources, blobs, progress, cancellationToken).ConfigureAwait(false);
                await PushManifestAsync(target.ByDigest(child.Digest), childBytes, child, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await PushImageBlobsAsync(target, manifestBytes, mountSources, blobs, progress, cancellationToken).ConfigureAwait(false);
        }

        var pushedTo = target.Tag is null ? target : target.WithTag(target.Tag);
        await PushManifestAsync(pushedTo, manifestBytes, entry.Manifest, progress, cancellationToken).ConfigureAwait(false);
        return new PushResult(pushedTo, new Descriptor(entry.Manifest.MediaType, entry.Manifest.Digest, entry.Manifest.Size), blobs);
    }

    /// <summary>
    /// Pulls <paramref name="reference"/> into the local store: the manifest (following an index to its Wasm
    /// child), then every blob it references, each verified against its digest before it is stored. Interrupted
    /// downloads continue where they stopped on the next pull.
    /// </summary>
    /// <exception cref="FormatException">The image holds no Wasm module in a format Weir reads (nothing is downloaded).</exception>
    /// <exception cref="DigestMismatchException">Content did not match its digest (nothing of it is stored).</exception>
    /// <exception cref="RegistryException">The registry refused or failed.</exception>
    public async Task<PullResult> PullAsync(Reference reference, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var top = await client.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        var image = top;
        if (IsIndex(top.Content.Span, top.MediaType))
        {
            var child = ImageIndex.Parse(top.Content.Span).SelectWasmManifest();
            image = await client.GetManifestAsync(reference.ByDigest(child.Digest), cancellationToken).ConfigureAwait(false);
            if (image.Digest != child.Digest)
            {
                throw new DigestMismatchException(child.Digest, image.Digest);
            }
        }

        var manifest = ImageManifest.Parse(image.Content.Span);
        WasmArtifact.Classify(manifest, image.MediaType);

        long downloaded = 0;
        var seen = new HashSet<Digest>();
        foreach (var (descriptor, label) in BlobsOf(manifest))
        {
            if (!seen.Add(descriptor.Digest))
            {
                continue;
            }

            if (store.Contains(descriptor.Digest))
            {
                progress?.Report(new TransferProgress(descriptor.Digest, label, descriptor.Size, descriptor.Size, TransferState.Skipped));
                continue;
            }

            var partial = store.GetPartialDownloadPath(descriptor.Digest);
            var reporter = progress is null ? null : new SynchronousProgress(bytes => progress.Report(new TransferProgress(descriptor.Digest, label, bytes, descriptor.Size, TransferState.Transferring)));
            var alreadyHad = await client.DownloadBlobAsync(reference, descriptor, partial, reporter, cancellationToken).ConfigureAwait(false);
            if (alreadyHad > 0)
            {
                progress?.Report(new TransferProgress(descriptor.Digest, label, alreadyHad, descriptor.Size, TransferState.Resumed));
            }

            var actualSize = new FileInfo(partial).Length;
            if (actualSize != descriptor.Size)
            {
                File.Delete(partial);
                throw new RegistryException($"Blob {descriptor.Digest} ended after {actualSize} of its {descriptor.Size} bytes.");
            }

            await store.CommitPartialDownloadAsync(descriptor.Digest, cancellationToken).ConfigureAwait(false);
            downloaded += descriptor.Size - alreadyHad;
            progress?.Report(new TransferProgress(descriptor.Digest, label, descriptor.Size, descriptor.Size, TransferState.Done));
        }

        if (!ReferenceEquals(image, top))
        {
            await store.PutBlobAsync(image.Content, image.Digest, cancellationToken).ConfigureAwait(false);
        }

        await store.PutBlobAsync(top.Content, top.Digest, cancellationToken).ConfigureAwait(false);
        var recorded = reference.Tag is not null ? reference.WithTag(reference.Tag) : reference;
        store.SetReference(recorded, top.ToDescriptor());
        var module = await store.ResolveModuleAsync(recorded, cancellationToken).ConfigureAwait(false);
        return new PullResult(recorded, top.ToDescriptor(), module, downloaded);
    }

    private async Task PushImageBlobsAsync(Reference target, byte[] manifestBytes, IReadOnlyList<(string Repository, HashSet<Digest> Blobs)> mountSources, List<(Descriptor, BlobUploadResult)> results, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var manifest = ImageManifest.Parse(manifestBytes);
        var seen = new HashSet<Digest>();
        foreach (var (descriptor, label) in BlobsOf(manifest))
        {
            if (!seen.Add(descriptor.Digest))
            {
                continue;
            }

            if (!store.Contains(descriptor.Digest))
            {
                throw new StoreEntryNotFoundException($"Blob {descriptor.Digest} ({label}) of '{target}' is missing from the local store; pull or build it again.");
            }

            // Only repositories that local references say hold the blob are worth a mount attempt.
            var candidates = mountSources
                .Where(source => source.Blobs.Contains(descriptor.Digest))
                .Select(source => source.Repository)
                .Take(MaxMountSources)
                .ToList();
            var reporter = progress is null ? null : new SynchronousProgress(bytes => progress.Report(new TransferProgress(descriptor.Digest, label, bytes, descriptor.Size, TransferState.Transferring)));
            var result = await client.UploadBlobAsync(target, descriptor, () => store.OpenBlob(descriptor.Digest), candidates, reporter, cancellationToken).ConfigureAwait(false);
            results.Add((descriptor, result));
            var state = result switch
            {
                BlobUploadResult.AlreadyExists => TransferState.Skipped,
                BlobUploadResult.Mounted => TransferState.Mounted,
                _ => TransferState.Done,
            };
            progress?.Report(new TransferProgress(descriptor.Digest, label, descriptor.Size, descriptor.Size, state));
        }
    }

    private async Task PushManifestAsync(Reference target, byte[] bytes, Descriptor descriptor, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        await client.PutManifestAsync(target, bytes, descriptor.MediaType, cancellationToken).ConfigureAwait(false);
        progress?.Report(new TransferProgress(descriptor.Digest, "manifest", bytes.Length, bytes.Length, TransferState.Done));
    }

    private List<(string Repository, HashSet<Digest> Blobs)> MountSources(Reference target)
    {
        var sources = new Dictionary<string, HashSet<Digest>>(StringComparer.Ordinal);
        foreach (var entry in store.List())
        {
            if (entry.Reference.Registry != target.Registry || entry.Reference.Repository == target.Repository || !store.Contains(entry.Manifest.Digest))
            {
                continue;
            }

            try
            {
                var bytes = File.ReadAllBytes(store.GetBlobPath(entry.Manifest.Digest));
                if (IsIndex(bytes, entry.Manifest.MediaType))
                {
                    continue;
                }

                if (!sources.TryGetValue(entry.Reference.Repository, out var blobs))
                {
                    blobs = [];
                    sources[entry.Reference.Repository] = blobs;
                }

                foreach (var (descriptor, _) in BlobsOf(ImageManifest.Parse(bytes)))
                {
                    blobs.Add(descriptor.Digest);
                }
            }
            catch (FormatException)
            {
                // A manifest Weir cannot parse offers no mount hints; pushing does not need it.
            }
        }

        return [.. sources.Select(pair => (pair.Key, pair.Value))];
    }

    private static IEnumerable<(Descriptor Descriptor, string Label)> BlobsOf(ImageManifest manifest)
    {
        yield return (manifest.Config, "config");
        foreach (var layer in manifest.Layers)
        {
            yield return (layer, MediaTypes.IsRawWasmLayer(layer.MediaType) ? "module" : layer.MediaType == manifest.Config.MediaType ? "config" : "layer");
        }
    }

    private static bool IsIndex(ReadOnlySpan<byte> bytes, string mediaType) =>
        MediaTypes.IsIndex(ImageManifest.PeekMediaType(bytes) ?? mediaType) || ImageManifest.LooksLikeIndex(bytes);

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and reorder updates.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
