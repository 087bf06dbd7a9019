using System.Text.Json;

namespace Weir.Oci.Content;

/// <summary>
/// An OCI image manifest or Docker schema-2 manifest, parsed leniently from its exact bytes.
/// The bytes themselves stay authoritative: the digest of a manifest is the digest of the bytes it
/// was parsed from, never of a re-serialisation.
/// </summary>
public sealed class ImageManifest
{
    private ImageManifest(string? mediaType, Descriptor config, IReadOnlyList<Descriptor> layers, IReadOnlyDictionary<string, string> annotations)
    {
        MediaType = mediaType;
        Config = config;
        Layers = layers;
        Annotations = annotations;
    }

    /// <summary>The body's <c>mediaType</c> member; <see langword="null"/> when absent (as wasme and wasm-to-oci write it).</summary>
    public string? MediaType { get; }

    /// <summary>The config descriptor.</summary>
    public Descriptor Config { get; }

    /// <summary>The layer descriptors in order.</summary>
    public IReadOnlyList<Descriptor> Layers { get; }

    /// <summary>The manifest annotations (empty when none).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The <c>artifactType</c> member, when given.</summary>
    public string? ArtifactType { get; private init; }

    /// <summary>The <c>subject</c> descriptor, when given (referrers).</summary>
    public Descriptor? Subject { get; private init; }

    /// <summary>Parses a manifest.</summary>
    /// <exception cref="FormatException">The bytes are not a schema-2 image manifest.</exception>
    public static ImageManifest Parse(ReadOnlySpan<byte> json)
    {
        using var document = ManifestJson.ParseDocument(json, "manifest");
        var root = document.RootElement;
        ManifestJson.ExpectSchemaVersion2(root, "manifest");
        var mediaType = ManifestJson.OptionalString(root, "mediaType");
        if (MediaTypes.IsIndex(mediaType))
        {
            throw new FormatException($"Expected an image manifest but got an index ({mediaType}).");
        }

        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Invalid manifest: the 'config' descriptor is missing.");
        }

        var layers = new List<Descriptor>();
        if (root.TryGetProperty("layers", out var layersElement) && layersElement.ValueKind != JsonValueKind.Null)
        {
            if (layersElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("Invalid manifest: 'layers' must be an array.");
            }

            var index = 0;
            foreach (var layer in layersElement.EnumerateArray())
            {
                layers.Add(ManifestJson.ReadDescriptor(layer, $"layers[{index++}]"));
            }
        }

        return new ImageManifest(mediaType, ManifestJson.ReadDescriptor(config, "config"), layers, ManifestJson.ReadAnnotations(root, "manifest"))
        {
            ArtifactType = ManifestJson.OptionalString(root, "artifactType"),
            Subject = root.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object
                ? ManifestJson.ReadDescriptor(subject, "subject")
                : null,
        };
    }

    /// <summary>
    /// Reads only the <c>mediaType</c> member of a manifest or index, so a caller can decide how to parse it;
    /// <see langword="null"/> when the member is absent or the bytes are not a JSON object.
    /// </summary>
    public static string? PeekMediaType(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object ? ManifestJson.OptionalString(document.RootElement, "mediaType") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Says whether JSON without a <c>mediaType</c> member looks like an index (has <c>manifests</c>) rather than a manifest.
    /// </summary>
    public static bool LooksLikeIndex(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("manifests", out _)
                && !document.RootElement.TryGetProperty("config", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
