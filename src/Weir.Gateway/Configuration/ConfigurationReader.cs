using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Weir.Gateway.Configuration;

/// <summary>Reads YAML nodes into values, collecting every problem with its position instead of stopping at the first.</summary>
internal sealed class ConfigurationReader
{
    /// <param name="source">The file name errors carry.</param>
    /// <param name="hasPositions">False for node trees built in code (the command line), whose nodes have no real positions.</param>
    public ConfigurationReader(string source, bool hasPositions = true)
    {
        Locations = new SourceLocations(source, hasPositions);
        HasPositions = hasPositions;
    }

    public bool HasPositions { get; }

    public List<ConfigurationError> Errors { get; } = [];

    public SourceLocations Locations { get; }

    public void Error(YamlNode? node, string field, string message)
    {
        if (HasPositions && node is not null && node.Start.Line > 0)
        {
            Errors.Add(new ConfigurationError(Locations.Source, (int)node.Start.Line, (int)node.Start.Column, field, message));
        }
        else
        {
            Errors.Add(Locations.ErrorAt(field, message));
        }
    }

    public void Error(Mark mark, string field, string message) =>
        Errors.Add(HasPositions
            ? new ConfigurationError(Locations.Source, (int)mark.Line, (int)mark.Column, field, message)
            : new ConfigurationError(Locations.Source, 0, 0, field, message));

    /// <summary>The node as a mapping, or null (with an error) when it is something else.</summary>
    public MappingReader? Mapping(YamlNode node, string field)
    {
        Locations.Record(field, node.Start);
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(this, mapping, field);
        }

        Error(node, field, $"expected a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    /// <summary>The items of a sequence with their field paths; a single non-sequence value is an error.</summary>
    public IEnumerable<(YamlNode Node, string Field)> Sequence(YamlNode node, string field)
    {
        Locations.Record(field, node.Start);
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, field, $"expected a list, found {Describe(node)}");
            yield break;
        }

        var index = 0;
        foreach (var item in sequence.Children)
        {
            var itemField = $"{field}[{index++}]";
            Locations.Record(itemField, item.Start);
            yield return (item, itemField);
        }
    }

    /// <summary>The text of a scalar, or null (with an error) when the node is a mapping or list.</summary>
    public string? Scalar(YamlNode node, string field)
    {
        Locations.Record(field, node.Start);
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node, field, $"expected a single value, found {Describe(node)}");
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "something else",
    };
}
