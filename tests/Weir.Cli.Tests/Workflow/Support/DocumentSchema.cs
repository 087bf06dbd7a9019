using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>
/// A small checker for configuration documents: each message lists the documented field names it may
/// have (and what each holds), scalars are checked against a pattern. A misspelled or invented field
/// fails with its path, which is what Envoy's and Kubernetes' strict parsers would reject.
/// </summary>
internal abstract record DocumentSchema
{
    /// <summary>The problems found under <paramref name="path"/>, empty when the node fits.</summary>
    public abstract IEnumerable<string> Check(YamlNode node, string path);

    public static MessageSchema Message(string name, params (string Field, DocumentSchema Schema)[] fields) => new(name, fields.ToDictionary(field => field.Field, field => field.Schema, StringComparer.Ordinal));

    public static ListSchema List(DocumentSchema item) => new(item);

    public static ScalarSchema Text(string pattern = ".*") => new(new Regex("^(" + pattern + ")$", RegexOptions.CultureInvariant));

    public static ScalarSchema OneOf(params string[] values) => Text(string.Join('|', values.Select(Regex.Escape)));

    public static readonly ScalarSchema Duration = Text(@"[0-9]+(\.[0-9]+)?s");

    public static readonly ScalarSchema Port = Text("[0-9]{1,5}");

    public static readonly ScalarSchema Sha256Hex = Text("[0-9a-f]{64}");

    /// <summary>Any mapping (a Struct such as pluginConfig).</summary>
    public static readonly DocumentSchema AnyMapping = new AnyMappingSchema();
}

internal sealed record MessageSchema(string Name, IReadOnlyDictionary<string, DocumentSchema> Fields) : DocumentSchema
{
    public override IEnumerable<string> Check(YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            yield return $"{path}: expected a {Name} mapping";
            yield break;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            if (!Fields.TryGetValue(key, out var schema))
            {
                yield return $"{path}.{key}: not a field of {Name}";
                continue;
            }

            foreach (var problem in schema.Check(value, $"{path}.{key}"))
            {
                yield return problem;
            }
        }
    }
}

internal sealed record ListSchema(DocumentSchema Item) : DocumentSchema
{
    public override IEnumerable<string> Check(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            return [$"{path}: expected a list"];
        }

        return sequence.Children.SelectMany((item, index) => Item.Check(item, $"{path}[{index}]"));
    }
}

internal sealed record ScalarSchema(Regex Pattern) : DocumentSchema
{
    public override IEnumerable<string> Check(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            return [$"{path}: expected a value"];
        }

        return Pattern.IsMatch(scalar.Value ?? string.Empty) ? [] : [$"{path}: '{scalar.Value}' does not match {Pattern}"];
    }
}

internal sealed record AnyMappingSchema : DocumentSchema
{
    public override IEnumerable<string> Check(YamlNode node, string path) => node is YamlMappingNode ? [] : [$"{path}: expected a mapping"];
}
