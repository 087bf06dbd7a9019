namespace Weir.Oci.Content;

/// <summary>An OCI content descriptor: what a manifest says about one blob or child manifest.</summary>
public sealed class Descriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public Descriptor(string mediaType, Digest digest, long size, IReadOnlyDictionary<string, string>? annotations = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        MediaType = mediaType;
        Digest = digest;
        Size = size;
        Annotations = annotations ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>The media type of the referenced content.</summary>
    public string MediaType { get; }

    /// <summary>The digest of the referenced content.</summary>
    public Digest Digest { get; }

    /// <summary>The size of the referenced content in bytes.</summary>
    public long Size { get; }

    /// <summary>The descriptor's annotations (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The platform of an index entry, when given.</summary>
    public Platform? Platform { get; init; }

    /// <summary>The <c>artifactType</c> member, when given.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>The <c>org.opencontainers.image.title</c> annotation, when given.</summary>
    public string? Title => Annotations.TryGetValue(AnnotationKeys.Title, out var title) ? title : null;
}
