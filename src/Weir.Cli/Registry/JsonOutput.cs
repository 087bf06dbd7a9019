using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weir.Cli.Registry;

/// <summary>Writes the <c>--json</c> output of registry commands to standard output.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(JsonNode node)
    {
        Console.Out.WriteLine(node.ToJsonString(Options));
        Console.Out.Flush();
    }
}
