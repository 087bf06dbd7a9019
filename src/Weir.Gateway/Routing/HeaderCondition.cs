using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Configuration;

namespace Weir.Gateway.Routing;

/// <summary>A compiled header condition of a route.</summary>
internal sealed class HeaderCondition
{
    private readonly HeaderMatchDefinition _definition;
    private readonly Regex? _pattern;

    public HeaderCondition(HeaderMatchDefinition definition)
    {
        _definition = definition;
        if (definition.Kind == HeaderMatchKind.Regex)
        {
            _pattern = new Regex("^(?:" + definition.Value + ")$", GatewayConfigurationParser.PatternOptions);
        }
    }

    public bool Matches(IHeaderDictionary headers)
    {
        var values = headers[_definition.Name];
        switch (_definition.Kind)
        {
            case HeaderMatchKind.Present:
                return values.Count > 0;
            case HeaderMatchKind.Absent:
                return values.Count == 0;
        }

        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            var matched = _definition.Kind switch
            {
                HeaderMatchKind.Exact => string.Equals(value, _definition.Value, StringComparison.Ordinal),
                HeaderMatchKind.Prefix => value.StartsWith(_definition.Value!, StringComparison.Ordinal),
                _ => _pattern!.IsMatch(value),
            };
            if (matched)
            {
                return true;
            }
        }

        return false;
    }
}
