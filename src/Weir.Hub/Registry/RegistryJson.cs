using System.Text.Encodings.Web;
using System.Text.Json;

namespace Weir.Hub.Registry;

/// <summary>
/// JSON settings for registry responses. The default encoder escapes <c>+</c> (as <c>\u002B</c>), which
/// is valid JSON but turns <c>application/vnd.oci.image.index.v1+json</c> into something clients and
/// humans compare badly; registry JSON is never embedded in HTML, so the relaxed encoder is safe.
/// </summary>
internal static class RegistryJson
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions SerializerOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
