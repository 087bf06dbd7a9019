using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>
/// Writes a JSON tree as YAML, keeping the member order. Strings that a YAML reader would take for
/// something else (<c>true</c>, <c>8080</c>, <c>null</c>, <c>1e3</c>, <c>no</c>…) are quoted, so every
/// consumer (Envoy, Kubernetes, the Weir gateway) reads back exactly the JSON types.
/// </summary>
internal static partial class YamlText
{
    public static string Write(JsonNode document, IEnumerable<string> headerComments)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var comment in headerComments)
        {
            writer.WriteLine("# " + comment);
        }

        var stream = new YamlStream(new YamlDocument(ToYaml(document)));
        using var body = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(body, assignAnchors: false);

        // YamlDotNet ends a document with "...", which is valid but surprises people reading a config file.
        var text = body.ToString().TrimEnd();
        if (text.EndsWith("...", StringComparison.Ordinal))
        {
            text = text[..^3].TrimEnd();
        }

        writer.WriteLine(text);
        return writer.ToString();
    }

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject mapping => Mapping(mapping),
        JsonArray sequence => new YamlSequenceNode(sequence.Select(ToYaml)),
        JsonValue value => Scalar(value),
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    private static YamlMappingNode Mapping(JsonObject mapping)
    {
        var result = new YamlMappingNode();
        foreach (var (key, value) in mapping)
        {
            result.Add(StringScalar(key), ToYaml(value));
        }

        return result;
    }

    private static YamlScalarNode Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => StringScalar(value.GetValue<string>()),
        JsonValueKind.True => new YamlScalarNode("true") { Style = ScalarStyle.Plain },
        JsonValueKind.False => new YamlScalarNode("false") { Style = ScalarStyle.Plain },
        JsonValueKind.Number => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    private static YamlScalarNode StringScalar(string text) =>
        new(text) { Style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text != text.Trim() || ImplicitlyTyped().IsMatch(text) || text.Contains('\n', StringComparison.Ordinal);

    // The plain scalars YAML 1.1 and 1.2 resolve to null, booleans, numbers or timestamps.
    [GeneratedRegex(
        """^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?0[xob][0-9a-fA-F_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex ImplicitlyTyped();
}
