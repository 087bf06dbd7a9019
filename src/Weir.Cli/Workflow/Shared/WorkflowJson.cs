using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weir.Cli.Workflow.Shared;

/// <summary>Writes the <c>--json</c> output of the workflow commands.</summary>
internal static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, JsonNode node)
    {
        output.WriteLine(node.ToJsonString(Options));
        output.Flush();
    }
}
