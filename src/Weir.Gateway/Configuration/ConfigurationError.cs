using System.Globalization;

namespace Weir.Gateway;

/// <summary>One problem in a gateway configuration: where it is (file, line, column), which field, and what is wrong.</summary>
/// <param name="Source">The configuration file, or <c>command line</c> for a configuration built from options.</param>
/// <param name="Line">The 1-based line, or 0 when the problem has no position (a missing file, an option).</param>
/// <param name="Column">The 1-based column, or 0.</param>
/// <param name="Field">The field's path, for example <c>listeners[0].routes[1].cluster</c>.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record ConfigurationError(string Source, int Line, int Column, string Field, string Message)
{
    /// <summary>The error as <c>file:line:column: field: message</c>.</summary>
    public override string ToString()
    {
        var position = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}") : Source;
        return Field.Length == 0 ? $"{position}: {Message}" : $"{position}: {Field}: {Message}";
    }
}
