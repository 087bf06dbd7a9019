using System.Text;
using System.Text.RegularExpressions;

namespace Weir.Cli.Workflow.Projects;

/// <summary>
/// A filter project's name. It becomes an npm package name, an OCI repository component, a gateway filter
/// name and (with '-' turned into '_') the root id, so it keeps to what all of them accept.
/// </summary>
internal static partial class FilterName
{
    public const int MaxLength = 63;

    /// <summary>Null when <paramref name="name"/> is acceptable, else why not.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "the name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"'{name}' is longer than {MaxLength} characters";
        }

        return Pattern().IsMatch(name)
            ? null
            : $"'{name}' is not a valid filter name: use lower-case letters, digits and single '-' or '_' between them (e.g. hello-filter)";
    }

    /// <summary>The name derived from a directory's name (lower-cased, other characters turned into '-'), or null when nothing usable is left.</summary>
    public static string? FromDirectory(string directory)
    {
        var leaf = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var builder = new StringBuilder(leaf.Length);
        foreach (var character in leaf.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character);
            if (keep)
            {
                builder.Append(character);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var name = builder.ToString().Trim('-');
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength].Trim('-');
        }

        return Problem(name) is null ? name : null;
    }

    /// <summary>The root id the templates register: the name with '-' turned into '_'.</summary>
    public static string ToRootId(string name) => name.Replace('-', '_');

    [GeneratedRegex("^[a-z0-9]+([_-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
