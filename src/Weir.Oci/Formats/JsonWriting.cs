using System.Text.Encodings.Web;
using System.Text.Json;

namespace Weir.Oci.Formats;

/// <summary>Writer settings that produce the same bytes as Go's encoder for the characters manifests use.</summary>
internal static class JsonWriting
{
    // The default encoder escapes '+' (as in "manifest.v1+json"), which would change digests
    // compared with every other tool; manifests are never embedded in HTML, so relaxed escaping is right.
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
}
