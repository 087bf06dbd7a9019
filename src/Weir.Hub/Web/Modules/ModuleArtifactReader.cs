using Weir.Hub.Metadata;
using Weir.Hub.Storage;
using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Hub.Web.Modules;

/// <summary>
/// Finds the module in a stored manifest the way <c>weir pull</c> does (every Wasm-in-OCI format, indexes
/// resolved to their Wasm child) and reads it and its runtime config from the blob store.
/// </summary>
internal sealed class ModuleArtifactReader
{
    /// <summary>Modules (and compat layers) larger than this are not read into memory for the pages.</summary>
    public const long MaxModuleBytes = 64L * 1024 * 1024;

    private const long MaxRuntimeConfigBytes = 1024 * 1024;

    private readonly IMetadataStore metadata;
    private readonly IBlobStore blobs;

    public ModuleArtifactReader(IMetadataStore metadata, IBlobStore blobs)
    {
        this.metadata = metadata;
        this.blobs = blobs;
    }

    /// <param name="repositoryId">The repository holding the manifest (an index's children are looked up there).</param>
    /// <param name="manifest">The manifest, read with its content.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="ModuleArtifactException">The manifest holds no module the hub can read; the message says why.</exception>
    public async ValueTask<ModuleArtifact> ReadAsync(long repositoryId, ManifestRecord manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var content = manifest.Content ?? throw new ArgumentException("The manifest must be read with its content.", nameof(manifest));
        try
        {
            IReadOnlyDictionary<string, string> indexAnnotations = new Dictionary<string, string>();
            if (MediaTypes.IsIndex(manifest.MediaType))
            {
                var index = ImageIndex.Parse(content);
                indexAnnotations = index.Annotations;
                var child = index.SelectWasmManifest();
                manifest = await metadata.FindManifestByDigestAsync(repositoryId, child.Digest.Value, includeContent: true, cancellationToken).ConfigureAwait(false)
                    ?? throw new ModuleArtifactException($"The index names {child.Digest.Value}, which this repository does not hold.");
                content = manifest.Content!;
            }

            var image = ImageManifest.Parse(content);
            var artifact = WasmArtifact.Classify(image, manifest.MediaType);
            var layer = artifact.ModuleLayer;
            byte[] module;
            byte[]? runtimeConfigBytes = null;
            if (artifact.ModuleIsArchived)
            {
                var stream = await OpenAsync(layer, cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    (module, runtimeConfigBytes) = await CompatLayer.ExtractAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                if (module.Length > MaxModuleBytes)
                {
                    throw new ModuleArtifactException($"The module is {module.Length} bytes, more than the pages read ({MaxModuleBytes}).");
                }
            }
            else
            {
                module = await ReadAllAsync(layer, MaxModuleBytes, cancellationToken).ConfigureAwait(false);
            }

            if (artifact.RuntimeConfig is { } runtimeConfigLayer)
            {
                runtimeConfigBytes = await ReadAllAsync(runtimeConfigLayer, MaxRuntimeConfigBytes, cancellationToken).ConfigureAwait(false);
            }

            RuntimeConfig? runtimeConfig = null;
            if (runtimeConfigBytes is { Length: > 0 })
            {
                try
                {
                    runtimeConfig = RuntimeConfig.Parse(runtimeConfigBytes);
                }
                catch (FormatException)
                {
                    // A broken runtime config only costs the page its root ids; the module itself is still shown.
                    runtimeConfig = null;
                }
            }

            var annotations = new Dictionary<string, string>(indexAnnotations, StringComparer.Ordinal);
            foreach (var (key, value) in image.Annotations)
            {
                annotations[key] = value;
            }

            return new ModuleArtifact(
                manifest.Digest,
                artifact.Format,
                annotations,
                module,
                artifact.ModuleIsArchived ? Digest.Compute(module) : layer.Digest,
                layer,
                !artifact.ModuleIsArchived,
                runtimeConfig);
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or InvalidOperationException or EndOfStreamException)
        {
            throw new ModuleArtifactException(exception.Message, exception);
        }
    }

    private async ValueTask<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size > MaxModuleBytes)
        {
            throw new ModuleArtifactException($"The layer {descriptor.Digest.Value} is {descriptor.Size} bytes, more than the pages read ({MaxModuleBytes}).");
        }

        return await blobs.OpenReadAsync(descriptor.Digest, 0, cancellationToken).ConfigureAwait(false)
            ?? throw new ModuleArtifactException($"The blob {descriptor.Digest.Value} is missing from storage.");
    }

    private async ValueTask<byte[]> ReadAllAsync(Descriptor descriptor, long limit, CancellationToken cancellationToken)
    {
        if (descriptor.Size > limit)
        {
            throw new ModuleArtifactException($"The blob {descriptor.Digest.Value} is {descriptor.Size} bytes, more than the pages read ({limit}).");
        }

        var stream = await OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[descriptor.Size];
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer;
        }
    }
}
