using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weir.Cli.Registry;

/// <summary>Prints an inspect report (the same data as <c>--json</c>) as indented text.</summary>
internal static class HumanReport
{
    public static void Write(JsonObject report)
    {
        Write(report, 0);
        Console.Out.Flush();
    }

    private static void Write(JsonObject node, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var (key, value) in node)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonObject child when child.Count == 0:
                    break;
                case JsonObject child:
                    Console.Out.WriteLine($"{indent}{key}:");
                    Write(child, depth + 1);
                    break;
                case JsonArray array when array.Count == 0:
                    Console.Out.WriteLine($"{indent}{key}: (none)");
                    break;
                case JsonArray array when array.All(item => item is JsonValue):
                    Console.Out.WriteLine($"{indent}{key}: {string.Join(", ", array.Select(item => Scalar(item!)))}");
                    break;
                case JsonArray array:
                    Console.Out.WriteLine($"{indent}{key}:");
                    var index = 0;
                    foreach (var item in array)
                    {
                        Console.Out.WriteLine($"{indent}  [{index++}]");
                        if (item is JsonObject element)
                        {
                            Write(element, depth + 2);
                        }
                    }

                    break;
                default:
                    Console.Out.WriteLine($"{indent}{key}: {Scalar(value)}");
                    break;
            }
        }
    }

    private static string Scalar(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
}
