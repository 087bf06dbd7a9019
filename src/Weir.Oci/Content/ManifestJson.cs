using System.Text.Json;

namespace Weir.Oci.Content;

/// <summary>Shared, lenient JSON reading for manifests and indexes, with errors that name the bad member.</summary>
internal static class ManifestJson
{
    public static JsonDocument ParseDocument(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new FormatException($"Invalid {what}: expected a JSON object.");
            }

            return document;
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Invalid {what}: not valid JSON ({exception.Message}).", exception);
        }
    }

    public static void ExpectSchemaVersion2(JsonElement root, string what)
    {
        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var value) || value != 2)
        {
            throw new FormatException($"Invalid {what}: 'schemaVersion' must be 2.");
        }
    }

    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static Descriptor ReadDescriptor(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Invalid descriptor at {where}: expected an object.");
        }

        var mediaType = OptionalString(element, "mediaType");
        if (string.IsNullOrEmpty(mediaType))
        {
            throw new FormatException($"Invalid descriptor at {where}: 'mediaType' is missing.");
        }

        var digestText = OptionalString(element, "digest")
            ?? throw new FormatException($"Invalid descriptor at {where}: 'digest' is missing.");
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw new FormatException($"Invalid descriptor at {where}: '{digestText}' is not a valid digest.");
        }

        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw new FormatException($"Invalid descriptor at {where}: 'size' must be a non-negative integer.");
        }

        Platform? platform = null;
        if (element.TryGetProperty("platform", out var platformElement) && platformElement.ValueKind == JsonValueKind.Object)
        {
            platform = new Platform(OptionalString(platformElement, "architecture") ?? "", OptionalString(platformElement, "os") ?? "");
        }

        return new Descriptor(mediaType, digest, size, ReadAnnotations(element, where))
        {
            Platform = platform,
            ArtifactType = OptionalString(element, "artifactType"),
        };
    }

    public static IReadOnlyDictionary<string, string> ReadAnnotations(JsonElement element, string where)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!element.TryGetProperty("annotations", out var annotationsElement) || annotationsElement.ValueKind == JsonValueKind.Null)
        {
            return annotations;
        }

        if (annotationsElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Invalid annotations at {where}: expected an object of strings.");
        }

        foreach (var property in annotationsElement.EnumerateObject())
        {
            annotations[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }

        return annotations;
    }
}
