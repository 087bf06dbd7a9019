using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Weir.Gateway.Configuration;

/// <summary>Reads the fields of one YAML mapping, remembering which keys were asked for so unknown (misspelt) keys can be reported.</summary>
internal sealed class MappingReader
{
    private readonly ConfigurationReader _reader;
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public MappingReader(ConfigurationReader reader, YamlMappingNode node, string field)
    {
        _reader = reader;
        _node = node;
        Field = field;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                reader.Locations.Record(FieldOf(name), key.Start);
                _ = value;
            }
        }
    }

    /// <summary>This mapping's path (empty at the top).</summary>
    public string Field { get; }

    public ConfigurationReader Reader => _reader;

    public YamlMappingNode Node => _node;

    public string FieldOf(string key) => Field.Length == 0 ? key : Field + "." + key;

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or written as null.</summary>
    public YamlNode? Get(string key)
    {
        _known.Add(key);
        foreach (var (name, value) in _node.Children)
        {
            if (name is YamlScalarNode { Value: { } text } && text == key)
            {
                return ConfigurationReader.IsNull(value) ? null : value;
            }
        }

        return null;
    }

    public bool Has(string key) => Get(key) is not null;

    public string? String(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                _reader.Error(_node, FieldOf(key), "is required");
            }

            return null;
        }

        return _reader.Scalar(node, FieldOf(key));
    }

    public bool? Boolean(string key)
    {
        var node = Get(key);
        if (node is null || _reader.Scalar(node, FieldOf(key)) is not { } text)
        {
            return null;
        }

        switch (text)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                _reader.Error(node, FieldOf(key), $"expected true or false, found '{text}'");
                return null;
        }
    }

    public int? Integer(string key, int minimum, int maximum)
    {
        var node = Get(key);
        if (node is null || _reader.Scalar(node, FieldOf(key)) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            _reader.Error(node, FieldOf(key), $"expected a whole number from {minimum} to {maximum}, found '{text}'");
            return null;
        }

        return value;
    }

    public TimeSpan? Duration(string key, bool allowZero = false)
    {
        var node = Get(key);
        if (node is null || _reader.Scalar(node, FieldOf(key)) is not { } text)
        {
            return null;
        }

        if (!Quantities.TryParseDuration(text, allowZero, out var duration, out var error))
        {
            _reader.Error(node, FieldOf(key), error);
            return null;
        }

        return duration;
    }

    /// <summary>A percentage written <c>N%</c> (0 to 100, decimals allowed) as a fraction from 0 to 1.</summary>
    public double? Percentage(string key)
    {
        var node = Get(key);
        if (node is null || _reader.Scalar(node, FieldOf(key)) is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!trimmed.EndsWith('%')
            || !double.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100)
        {
            _reader.Error(node, FieldOf(key), $"expected a percentage from 0% to 100% (like 75%), found '{text}'");
            return null;
        }

        return percent / 100;
    }

    public ulong? Size(string key)
    {
        var node = Get(key);
        if (node is null || _reader.Scalar(node, FieldOf(key)) is not { } text)
        {
            return null;
        }

        if (!Quantities.TryParseSize(text, out var size, out var error))
        {
            _reader.Error(node, FieldOf(key), error);
            return null;
        }

        return size;
    }

    /// <summary>A list of names; a single value is accepted as a list of one.</summary>
    public IReadOnlyList<string> Strings(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return [];
        }

        if (node is YamlScalarNode)
        {
            return _reader.Scalar(node, FieldOf(key)) is { } single ? [single] : [];
        }

        var values = new List<string>();
        foreach (var (item, field) in _reader.Sequence(node, FieldOf(key)))
        {
            if (_reader.Scalar(item, field) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    public MappingReader? Mapping(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                _reader.Error(_node, FieldOf(key), "is required");
            }

            return null;
        }

        return _reader.Mapping(node, FieldOf(key));
    }

    public IEnumerable<(YamlNode Node, string Field)> Sequence(string key)
    {
        var node = Get(key);
        return node is null ? [] : _reader.Sequence(node, FieldOf(key));
    }

    /// <summary>Reports every key that no reader asked for, with the keys that are allowed here.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (name, _) in _node.Children)
        {
            var text = (name as YamlScalarNode)?.Value ?? ConfigurationReader.Describe(name);
            if (!_known.Contains(text))
            {
                var allowed = string.Join(", ", _known.Order(StringComparer.Ordinal));
                _reader.Error(name, FieldOf(text), $"unknown field '{text}' (expected one of: {allowed})");
            }
        }
    }
}
