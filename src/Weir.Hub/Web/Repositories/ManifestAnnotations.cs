using System.Text.Json;

namespace Weir.Hub.Web.Repositories;

/// <summary>Reads the string annotations of a stored manifest or index (the hub keeps manifests as their exact bytes).</summary>
internal static class ManifestAnnotations
{
    /// <summary>An owner may put a repository's README into its manifests under this key, as Markdown.</summary>
    public const string Readme = "io.weir.readme";

    public static IReadOnlyDictionary<string, string> Read(byte[]? content)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (content is null)
        {
            return annotations;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("annotations", out var element)
                && element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        annotations[property.Name] = property.Value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // The registry validated the manifest when it was pushed; a manifest that no longer parses has no annotations to show.
        }

        return annotations;
    }
}
