using System.Buffers;
using System.Globalization;
using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Oci.Store;

/// <summary>
/// The local content-addressed store: an OCI image layout (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/&lt;algorithm&gt;/&lt;hex&gt;</c>) plus a <c>tmp/</c> area for writes in progress and partial downloads.
/// </summary>
/// <remarks>
/// Every blob is written to <c>tmp/</c>, verified against its digest and then renamed into place,
/// so a reader never sees a partial or corrupt blob. <c>index.json</c> maps full references
/// (annotation <c>org.opencontainers.image.ref.name</c>) to manifest descriptors; it is rewritten
/// atomically under a lock file, so several processes (CLI, gateway) can share one store.
/// Because the layout is standard, <c>skopeo copy oci:&lt;store&gt;:&lt;ref&gt; …</c> reads it too.
/// </remarks>
public sealed class LocalStore
{
    private const int CopyBufferSize = 81920;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Opens (creating if needed) the store rooted at <paramref name="root"/>.</summary>
    public LocalStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(TempDirectory);
        var layoutFile = Path.Combine(Root, "oci-layout");
        if (!File.Exists(layoutFile))
        {
            WriteAtomically(layoutFile, "{\"imageLayoutVersion\":\"1.0.0\"}"u8);
        }
    }

    /// <summary>The store's root directory.</summary>
    public string Root { get; }

    /// <summary>The directory for writes in progress and partial downloads.</summary>
    public string TempDirectory => Path.Combine(Root, "tmp");

    private string IndexFile => Path.Combine(Root, "index.json");

    private string LockFile => Path.Combine(Root, "index.lock");

    /// <summary>Opens the store at <see cref="WeirPaths.DataDirectory"/> (honours <c>WEIR_HOME</c>).</summary>
    public static LocalStore OpenDefault() => new(WeirPaths.DataDirectory);

    /// <summary>The path where the blob <paramref name="digest"/> lives (whether or not it exists yet).</summary>
    public string GetBlobPath(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return Path.Combine(Root, "blobs", digest.Algorithm, digest.Encoded);
    }

    /// <summary>Says whether the store holds the blob <paramref name="digest"/>.</summary>
    public bool Contains(Digest digest) => File.Exists(GetBlobPath(digest));

    /// <summary>Opens a stored blob for reading.</summary>
    /// <exception cref="StoreEntryNotFoundException">The blob is not stored.</exception>
    public Stream OpenBlob(Digest digest)
    {
        try
        {
            return new FileStream(GetBlobPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, useAsync: true);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreEntryNotFoundException($"Blob {digest} is not in the local store ({Root}).", exception);
        }
    }

    /// <summary>Reads a stored blob.</summary>
    /// <exception cref="StoreEntryNotFoundException">The blob is not stored.</exception>
    public async ValueTask<byte[]> ReadBlobAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        await using var stream = OpenBlob(digest);
        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        return content;
    }

    /// <summary>Stores <paramref name="content"/> after checking it hashes to <paramref name="expected"/>.</summary>
    /// <exception cref="DigestMismatchException">The content has another digest; nothing is stored.</exception>
    public async ValueTask PutBlobAsync(ReadOnlyMemory<byte> content, Digest expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        expected.Verify(content.Span);
        if (Contains(expected))
        {
            return;
        }

        var temp = NewTempPath();
        try
        {
            await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken).ConfigureAwait(false);
            MoveIntoPlace(temp, expected);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the store, hashing as it goes; when <paramref name="expected"/> is given
    /// the content must match it.
    /// </summary>
    /// <returns>The digest of what was stored.</returns>
    /// <exception cref="DigestMismatchException">The content does not match <paramref name="expected"/>; nothing is stored.</exception>
    public async ValueTask<Digest> PutBlobAsync(Stream content, Digest? expected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temp = NewTempPath();
        try
        {
            Digest actual;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                using var calculator = new DigestCalculator(expected?.Algorithm ?? Digest.Sha256);
                var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
                try
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        calculator.Append(buffer.AsSpan(0, read));
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                actual = calculator.Finish();
            }

            if (expected is not null && actual != expected)
            {
                throw new DigestMismatchException(expected, actual);
            }

            MoveIntoPlace(temp, actual);
            return actual;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// The temp file where a download of <paramref name="digest"/> accumulates; it survives interruptions so
    /// the next attempt can continue with a <c>Range</c> request.
    /// </summary>
    public string GetPartialDownloadPath(Digest digest) => Path.Combine(TempDirectory, $"{digest.Algorithm}-{digest.Encoded}.partial");

    /// <summary>
    /// Verifies a finished download at <see cref="GetPartialDownloadPath"/> and moves it into the store.
    /// A file with the wrong digest is deleted, so the next attempt starts over.
    /// </summary>
    /// <exception cref="DigestMismatchException">The file has another digest.</exception>
    public async ValueTask CommitPartialDownloadAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        var partial = GetPartialDownloadPath(digest);
        Digest actual;
        await using (var file = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true))
        {
            actual = await Digest.ComputeAsync(file, digest.Algorithm, cancellationToken).ConfigureAwait(false);
        }

        if (actual != digest)
        {
            TryDelete(partial);
            throw new DigestMismatchException(digest, actual);
        }

        MoveIntoPlace(partial, digest);
    }

    /// <summary>Every reference in the store, sorted by name.</summary>
    public IReadOnlyList<StoredReference> List()
    {
        var entries = new List<StoredReference>();
        foreach (var descriptor in ReadIndex())
        {
            if (descriptor.Annotations.TryGetValue(AnnotationKeys.RefName, out var name) && Reference.TryParse(name, out var reference))
            {
                var created = descriptor.Annotations.TryGetValue(AnnotationKeys.Created, out var createdText)
                    && DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                    ? time
                    : DateTimeOffset.UnixEpoch;
                entries.Add(new StoredReference(reference, descriptor, created));
            }
        }

        return [.. entries.OrderBy(entry => entry.Reference.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>Finds a reference; a digest-only reference also matches any stored manifest with that digest.</summary>
    public StoredReference? Find(Reference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var all = List();
        var exact = all.FirstOrDefault(entry => entry.Reference.Equals(reference))
            ?? (reference.Tag is null ? null : all.FirstOrDefault(entry => entry.Reference.Equals(reference.WithTag(reference.Tag))));
        if (exact is not null && (reference.Digest is null || exact.Manifest.Digest == reference.Digest))
        {
            return exact;
        }

        if (reference.Digest is not null)
        {
            var byDigest = all.FirstOrDefault(entry => entry.Reference.Name == reference.Name && entry.Manifest.Digest == reference.Digest)
                ?? all.FirstOrDefault(entry => entry.Manifest.Digest == reference.Digest);
            if (byDigest is not null)
            {
                return byDigest with { Reference = reference };
            }
        }

        return null;
    }

    /// <summary>Points <paramref name="reference"/> at a stored manifest (adds or replaces the entry).</summary>
    /// <exception cref="StoreEntryNotFoundException">The manifest blob is not stored.</exception>
    public StoredReference SetReference(Reference reference, Descriptor manifest)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(manifest);
        if (!Contains(manifest.Digest))
        {
            throw new StoreEntryNotFoundException($"Cannot record {reference}: manifest {manifest.Digest} is not in the local store.");
        }

        var created = DateTimeOffset.UtcNow;
        var name = reference.ToString();
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AnnotationKeys.RefName] = name,
            [AnnotationKeys.Created] = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var entry = new Descriptor(manifest.MediaType, manifest.Digest, manifest.Size, annotations);
        UpdateIndex(entries =>
        {
            entries.RemoveAll(existing => existing.Annotations.TryGetValue(AnnotationKeys.RefName, out var existingName) && existingName == name);
            entries.Add(entry);
        });
        return new StoredReference(reference, entry, DateTimeOffset.Parse(annotations[AnnotationKeys.Created], CultureInfo.InvariantCulture));
    }

    /// <summary>Removes a reference (the blobs stay; they are shared by content).</summary>
    /// <returns><see langword="true"/> when the reference existed.</returns>
    public bool RemoveReference(Reference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var name = reference.ToString();
        var removed = false;
        UpdateIndex(entries => removed = entries.RemoveAll(existing => existing.Annotations.TryGetValue(AnnotationKeys.RefName, out var existingName) && existingName == name) > 0);
        return removed;
    }

    /// <summary>Copies the entry of <paramref name="source"/> to <paramref name="target"/>, like <c>weir tag</c>.</summary>
    /// <exception cref="StoreEntryNotFoundException">The source is not in the store.</exception>
    public StoredReference Tag(Reference source, Reference target)
    {
        var entry = Find(source) ?? throw new StoreEntryNotFoundException($"'{source}' is not in the local store; 'weir list' shows what is.");
        return SetReference(target, new Descriptor(entry.Manifest.MediaType, entry.Manifest.Digest, entry.Manifest.Size));
    }

    /// <summary>Stores every blob and the manifest of a packaged module and records <paramref name="reference"/>.</summary>
    public async ValueTask<StoredReference> AddPackageAsync(PackagedModule package, Reference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        foreach (var blob in package.Blobs)
        {
            await PutBlobAsync(blob.Content, blob.Descriptor.Digest, cancellationToken).ConfigureAwait(false);
        }

        await PutBlobAsync(package.Manifest, package.ManifestDigest, cancellationToken).ConfigureAwait(false);
        return SetReference(reference, new Descriptor(package.ManifestMediaType, package.ManifestDigest, package.Manifest.Length));
    }

    /// <summary>Packages <paramref name="module"/> (see <see cref="ModulePackager"/>) and stores it under <paramref name="reference"/>.</summary>
    public ValueTask<StoredReference> AddModuleAsync(ReadOnlyMemory<byte> module, Reference reference, PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        AddPackageAsync(ModulePackager.Package(module, options), reference, cancellationToken);

    /// <summary>
    /// Reads the image manifest <paramref name="reference"/> points to, following an index to its Wasm child.
    /// </summary>
    /// <exception cref="StoreEntryNotFoundException">The reference or one of its blobs is not stored.</exception>
    public async ValueTask<(Descriptor Descriptor, ImageManifest Manifest)> ReadManifestAsync(Reference reference, CancellationToken cancellationToken = default)
    {
        var entry = Find(reference) ?? throw new StoreEntryNotFoundException($"'{reference}' is not in the local store; 'weir list' shows what is.");
        var descriptor = entry.Manifest;
        var bytes = await ReadBlobAsync(descriptor.Digest, cancellationToken).ConfigureAwait(false);
        if (MediaTypes.IsIndex(ImageManifest.PeekMediaType(bytes) ?? descriptor.MediaType) || ImageManifest.LooksLikeIndex(bytes))
        {
            descriptor = ImageIndex.Parse(bytes).SelectWasmManifest();
            bytes = await ReadBlobAsync(descriptor.Digest, cancellationToken).ConfigureAwait(false);
        }

        return (descriptor, ImageManifest.Parse(bytes));
    }

    /// <summary>
    /// Resolves <paramref name="reference"/> to its module: the file holding the raw bytes, their digest, the format
    /// and the runtime config. This is the entry point for the gateway.
    /// </summary>
    /// <exception cref="StoreEntryNotFoundException">The reference or one of its blobs is not stored.</exception>
    /// <exception cref="FormatException">The image holds no module Weir can read.</exception>
    public async ValueTask<StoredModule> ResolveModuleAsync(Reference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var (descriptor, manifest) = await ReadManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        var artifact = WasmArtifact.Classify(manifest, descriptor.MediaType);
        RuntimeConfig? runtimeConfig = null;
        if (artifact.RuntimeConfig is not null && Contains(artifact.RuntimeConfig.Digest))
        {
            runtimeConfig = RuntimeConfig.Parse(await ReadBlobAsync(artifact.RuntimeConfig.Digest, cancellationToken).ConfigureAwait(false));
        }

        if (!artifact.ModuleIsArchived)
        {
            var path = GetBlobPath(artifact.ModuleLayer.Digest);
            if (!File.Exists(path))
            {
                throw new StoreEntryNotFoundException($"The module layer {artifact.ModuleLayer.Digest} of '{reference}' is not in the local store.");
            }

            return new StoredModule(reference, descriptor.Digest, artifact, artifact.ModuleLayer.Digest, path, new FileInfo(path).Length, runtimeConfig);
        }

        // Compat images keep plugin.wasm inside tar+gzip; store the extracted module as a blob of its own so callers get a plain file.
        byte[] module;
        byte[]? runtimeConfigBytes;
        await using (var layer = OpenBlob(artifact.ModuleLayer.Digest))
        {
            (module, runtimeConfigBytes) = await CompatLayer.ExtractAsync(layer, cancellationToken).ConfigureAwait(false);
        }

        var moduleDigest = Digest.Compute(module);
        await PutBlobAsync(module, moduleDigest, cancellationToken).ConfigureAwait(false);
        if (runtimeConfigBytes is not null)
        {
            runtimeConfig = RuntimeConfig.Parse(runtimeConfigBytes);
        }

        return new StoredModule(reference, descriptor.Digest, artifact, moduleDigest, GetBlobPath(moduleDigest), module.Length, runtimeConfig);
    }

    private string NewTempPath() => Path.Combine(TempDirectory, Guid.NewGuid().ToString("N") + ".tmp");

    private void MoveIntoPlace(string temp, Digest digest)
    {
        var target = GetBlobPath(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(temp, target, overwrite: true);
    }

    private List<Descriptor> ReadIndex()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(IndexFile);
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        try
        {
            return [.. ImageIndex.Parse(bytes).Manifests];
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"The local store index {IndexFile} is corrupt: {exception.Message}", exception);
        }
    }

    private void UpdateIndex(Action<List<Descriptor>> update)
    {
        using var storeLock = AcquireLock();
        var entries = ReadIndex();
        update(entries);
        var json = ModulePackager.WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", MediaTypes.OciIndex);
            writer.WriteStartArray("manifests");
            foreach (var entry in entries)
            {
                ModulePackager.WriteDescriptor(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        WriteAtomically(IndexFile, json);
    }

    private FileStream AcquireLock()
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    private void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temp = NewTempPath();
        try
        {
            File.WriteAllBytes(temp, content.ToArray());
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless and is never read as content.
        }
    }
}
