using System.Text.RegularExpressions;

namespace Weir.Cli.SpecTests;

/// <summary>Finds the scripts to run: one .json file, or every <c>*.json</c> and <c>*/*.json</c> of a directory (wast2json's layout).</summary>
internal static class SpecScriptDiscovery
{
    /// <summary>
    /// The script files under <paramref name="path"/>, ordered by name, restricted to the names
    /// <paramref name="filter"/> matches (comma-separated names, <c>*</c> matching any text).
    /// </summary>
    /// <returns>False with a reason when there is nothing to run.</returns>
    public static bool TryFind(string path, string? filter, out IReadOnlyList<string> scripts, out string error)
    {
        scripts = [];
        List<string> found;
        if (File.Exists(path))
        {
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                error = $"{path} is not a .json script (run wast2json on .wast files first)";
                return false;
            }

            found = [Path.GetFullPath(path)];
        }
        else if (Directory.Exists(path))
        {
            found = [.. Directory.EnumerateFiles(path, "*.json")
                .Concat(Directory.EnumerateDirectories(path).SelectMany(directory => Directory.EnumerateFiles(directory, "*.json")))
                .Select(Path.GetFullPath)];
        }
        else
        {
            error = $"{path} does not exist";
            return false;
        }

        var matcher = CreateMatcher(filter);
        scripts = [.. found
            .Where(file => matcher(ScriptName(file)))
            .OrderBy(ScriptName, StringComparer.Ordinal)
            .ThenBy(file => file, StringComparer.Ordinal)];
        error = scripts.Count > 0 ? string.Empty
            : filter is null ? $"no .json scripts in {path}"
            : $"no script in {path} matches '{filter}'";
        return scripts.Count > 0;
    }

    public static string ScriptName(string path) => Path.GetFileNameWithoutExtension(path);

    private static Func<string, bool> CreateMatcher(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return static _ => true;
        }

        var patterns = filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pattern => new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant))
            .ToArray();
        return name => patterns.Any(pattern => pattern.IsMatch(name));
    }
}
