using System.Text.Json;
using Weir.Hub.Metadata;
using Weir.Hub.Registry;
using Weir.Oci.Content;

namespace Weir.Hub.Manifests;

/// <summary>
/// Validates a pushed manifest (OCI image manifest or index, Docker schema-2 manifest or list) and
/// extracts its references. The bytes themselves are stored untouched; nothing is re-serialised.
/// </summary>
internal static class ManifestParser
{
    /// <exception cref="RegistryException">MANIFEST_INVALID (or DIGEST_INVALID for a malformed descriptor digest) with the reason.</exception>
    public static ManifestDocument Parse(ReadOnlyMemory<byte> content, string? contentType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw RegistryException.ManifestInvalid("manifest is not valid JSON", new { reason = exception.Message });
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw RegistryException.ManifestInvalid("manifest must be a JSON object");
            }

            if (!root.TryGetProperty("schemaVersion", out var schemaVersion) || schemaVersion.ValueKind != JsonValueKind.Number
                || !schemaVersion.TryGetInt32(out var version) || version != 2)
            {
                throw RegistryException.ManifestInvalid("only schemaVersion 2 manifests are supported");
            }

            var bodyType = OptionalString(root, "mediaType");
            var headerType = MediaTypes.Normalize(contentType);
            if (headerType is "application/octet-stream" or "application/json")
            {
                // Generic types say nothing about the manifest; fall back to the body.
                headerType = null;
            }

            if (bodyType is not null && headerType is not null && !string.Equals(bodyType, headerType, StringComparison.Ordinal))
            {
                throw RegistryException.ManifestInvalid(
                    "the Content-Type does not match the manifest's mediaType",
                    new { contentType = headerType, mediaType = bodyType });
            }

            var mediaType = bodyType ?? headerType ?? (root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest);
            var references = new List<ManifestReference>();
            string? artifactType = OptionalString(root, "artifactType");
            if (MediaTypes.IsManifest(mediaType))
            {
                if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
                {
                    throw RegistryException.ManifestInvalid("an image manifest needs a config descriptor");
                }

                var configDescriptor = ReadDescriptor(config, "config");
                references.Add(new ManifestReference(configDescriptor.Digest, ManifestReferenceKind.Blob));
                foreach (var layer in DescriptorArray(root, "layers", required: true))
                {
                    references.Add(new ManifestReference(ReadDescriptor(layer, "layers[]").Digest, ManifestReferenceKind.Blob));
                }

                artifactType ??= configDescriptor.MediaType;
            }
            else if (MediaTypes.IsIndex(mediaType))
            {
                foreach (var child in DescriptorArray(root, "manifests", required: true))
                {
                    references.Add(new ManifestReference(ReadDescriptor(child, "manifests[]").Digest, ManifestReferenceKind.Manifest));
                }
            }
            else
            {
                throw RegistryException.ManifestInvalid(
                    $"unsupported manifest media type '{mediaType}'",
                    new { supported = new[] { MediaTypes.OciManifest, MediaTypes.OciIndex, MediaTypes.DockerManifest, MediaTypes.DockerManifestList } });
            }

            string? subject = null;
            if (root.TryGetProperty("subject", out var subjectElement) && subjectElement.ValueKind != JsonValueKind.Null)
            {
                subject = ReadDescriptor(subjectElement, "subject").Digest;
            }

            string? annotations = null;
            if (root.TryGetProperty("annotations", out var annotationsElement) && annotationsElement.ValueKind != JsonValueKind.Null)
            {
                if (annotationsElement.ValueKind != JsonValueKind.Object
                    || annotationsElement.EnumerateObject().Any(property => property.Value.ValueKind != JsonValueKind.String))
                {
                    throw RegistryException.ManifestInvalid("annotations must be an object of string values");
                }

                annotations = annotationsElement.GetRawText();
            }

            return new ManifestDocument(mediaType, artifactType, subject, annotations, references);
        }
    }

    private static IEnumerable<JsonElement> DescriptorArray(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                throw RegistryException.ManifestInvalid($"the manifest has no '{name}' array");
            }

            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw RegistryException.ManifestInvalid($"'{name}' must be an array");
        }

        return array.EnumerateArray().ToList();
    }

    private static (string MediaType, string Digest) ReadDescriptor(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RegistryException.ManifestInvalid($"{where} must be a descriptor object");
        }

        var mediaType = OptionalString(element, "mediaType")
            ?? throw RegistryException.ManifestInvalid($"{where} has no mediaType");
        var digestText = OptionalString(element, "digest")
            ?? throw RegistryException.ManifestInvalid($"{where} has no digest");
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw RegistryException.DigestInvalid($"{where} has an invalid digest", new { digest = digestText });
        }

        if (!element.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var length) || length < 0)
        {
            throw RegistryException.ManifestInvalid($"{where} needs a non-negative integer size", new { digest = digest.Value });
        }

        return (mediaType, digest.Value);
    }

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw RegistryException.ManifestInvalid($"'{name}' must be a string");
    }
}
