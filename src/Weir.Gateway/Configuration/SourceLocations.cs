using YamlDotNet.Core;

namespace Weir.Gateway.Configuration;

/// <summary>
/// Where each field of a configuration was written, so that problems found after parsing (a module that
/// does not load, a port already in use) still name the file, line and field.
/// </summary>
internal sealed class SourceLocations
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    private readonly bool _hasPositions;

    public SourceLocations(string source, bool hasPositions = true)
    {
        Source = source;
        _hasPositions = hasPositions;
    }

    /// <summary>The file, or <c>command line</c>.</summary>
    public string Source { get; }

    public void Record(string field, Mark start)
    {
        if (_hasPositions && start.Line > 0)
        {
            _positions.TryAdd(field, ((int)start.Line, (int)start.Column));
        }
    }

    /// <summary>An error at <paramref name="field"/>, positioned at the field or, when it was not written, at its nearest written parent.</summary>
    public ConfigurationError ErrorAt(string field, string message)
    {
        for (var candidate = field; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (_positions.TryGetValue(candidate, out var position))
            {
                return new ConfigurationError(Source, position.Line, position.Column, field, message);
            }
        }

        return new ConfigurationError(Source, 0, 0, field, message);
    }

    private static string Parent(string field)
    {
        var cut = Math.Max(field.LastIndexOf('.'), field.LastIndexOf('['));
        return cut <= 0 ? string.Empty : field[..cut];
    }
}
