using System.Text.Json;

namespace Weir.Oci.Content;

/// <summary>An OCI image index or Docker manifest list.</summary>
public sealed class ImageIndex
{
    private ImageIndex(string? mediaType, IReadOnlyList<Descriptor> manifests, IReadOnlyDictionary<string, string> annotations)
    {
        MediaType = mediaType;
        Manifests = manifests;
        Annotations = annotations;
    }

    /// <summary>The body's <c>mediaType</c> member, when given.</summary>
    public string? MediaType { get; }

    /// <summary>The child manifests.</summary>
    public IReadOnlyList<Descriptor> Manifests { get; }

    /// <summary>The index annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>Parses an index.</summary>
    /// <exception cref="FormatException">The bytes are not a schema-2 index.</exception>
    public static ImageIndex Parse(ReadOnlySpan<byte> json)
    {
        using var document = ManifestJson.ParseDocument(json, "index");
        var root = document.RootElement;
        ManifestJson.ExpectSchemaVersion2(root, "index");
        if (!root.TryGetProperty("manifests", out var manifestsElement) || manifestsElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("Invalid index: the 'manifests' array is missing.");
        }

        var manifests = new List<Descriptor>();
        var index = 0;
        foreach (var entry in manifestsElement.EnumerateArray())
        {
            manifests.Add(ManifestJson.ReadDescriptor(entry, $"manifests[{index++}]"));
        }

        return new ImageIndex(ManifestJson.OptionalString(root, "mediaType"), manifests, ManifestJson.ReadAnnotations(root, "index"));
    }

    /// <summary>
    /// Chooses the child that holds a Wasm module: the entry whose platform architecture is <c>wasm</c>,
    /// else the only entry. Never picks another platform's image when several exist.
    /// </summary>
    /// <exception cref="InvalidOperationException">No child qualifies.</exception>
    public Descriptor SelectWasmManifest()
    {
        var wasm = Manifests.FirstOrDefault(entry => string.Equals(entry.Platform?.Architecture, "wasm", StringComparison.Ordinal));
        if (wasm is not null)
        {
            return wasm;
        }

        if (Manifests.Count == 1)
        {
            return Manifests[0];
        }

        var platforms = string.Join(", ", Manifests.Select(entry => entry.Platform is null ? "(no platform)" : $"{entry.Platform.OperatingSystem}/{entry.Platform.Architecture}"));
        throw new InvalidOperationException(
            Manifests.Count == 0
                ? "The image index lists no manifests."
                : $"The image index has no 'wasm' platform entry to choose among {Manifests.Count} manifests ({platforms}).");
    }
}
