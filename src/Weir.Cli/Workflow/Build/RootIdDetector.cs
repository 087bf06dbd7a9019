using System.Text;
using System.Text.RegularExpressions;
using Weir.Cli.Workflow.Projects;
using Weir.Wasm.Model;

namespace Weir.Cli.Workflow.Build;

/// <summary>
/// Finds a project's root ids. They are strings in the module's data, not exports, so they cannot be
/// read from the binary alone; they are read from where the SDKs declare them — AssemblyScript's
/// <c>registerRootContext(…, "id")</c>, the C template's <c>#define FILTER_ROOT_ID "id"</c> — unless
/// <c>weir.json</c> lists them. The binary is then checked to hold each one.
/// </summary>
internal static partial class RootIdDetector
{
    /// <summary>The root ids and where they came from (a file relative to the project, or <c>weir.json</c>); empty when none were found.</summary>
    public static (IReadOnlyList<string> RootIds, string? Source) Detect(FilterProject project)
    {
        if (project.RootIds.Count > 0)
        {
            return (project.RootIds, FilterProject.FileName);
        }

        var (pattern, directory, extension) = project.Language switch
        {
            ProjectLanguage.AssemblyScript => (AssemblyScriptRegistration(), Path.Combine(project.Directory, "assembly"), "*.ts"),
            ProjectLanguage.C => (CDefinition(), project.Directory, "*.c"),
            _ => throw new ArgumentOutOfRangeException(nameof(project), project.Language, null),
        };
        if (!Directory.Exists(directory))
        {
            return ([], null);
        }

        var found = new List<string>();
        var sources = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, extension, SearchOption.AllDirectories).Where(file => !IsGenerated(project, file)).Order(StringComparer.Ordinal))
        {
            var text = StripComments(File.ReadAllText(file));
            var matches = pattern.Matches(text).Select(match => match.Groups["id"].Value).Where(id => id.Length > 0).ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            sources.Add(Path.GetRelativePath(project.Directory, file).Replace('\\', '/'));
            found.AddRange(matches.Where(id => !found.Contains(id, StringComparer.Ordinal)));
        }

        return (found, sources.Count == 0 ? null : string.Join(", ", sources));
    }

    /// <summary>The root ids that appear nowhere in the module's data segments, as UTF-8 (C, Rust, Go) or UTF-16 (AssemblyScript).</summary>
    public static IReadOnlyList<string> MissingFromModule(ModuleDefinition module, IEnumerable<string> rootIds)
    {
        return [.. rootIds.Where(id => !module.Data.Any(segment => Contains(segment.Data.Span, Encoding.UTF8.GetBytes(id)) || Contains(segment.Data.Span, Encoding.Unicode.GetBytes(id))))];

        // Optimizers drop the zero bytes that end a segment (memory starts zeroed), which cuts the last
        // UTF-16 code unit of an ASCII string in half: match without the needle's trailing zeros.
        static bool Contains(ReadOnlySpan<byte> data, byte[] value) => data.IndexOf(value.AsSpan().TrimEnd((byte)0)) >= 0;
    }

    private static bool IsGenerated(FilterProject project, string file)
    {
        var relative = Path.GetRelativePath(project.Directory, file).Replace('\\', '/');
        return relative.StartsWith("node_modules/", StringComparison.Ordinal) || relative.StartsWith("build/", StringComparison.Ordinal);
    }

    // A commented-out registration must not count.
    private static string StripComments(string text) => Comments().Replace(text, match => match.Value.StartsWith('"') || match.Value.StartsWith('\'') ? match.Value : " ");

    [GeneratedRegex("""registerRootContext\s*\([\s\S]*?,\s*["'](?<id>[^"'\\\r\n]+)["']\s*\)""", RegexOptions.CultureInvariant)]
    private static partial Regex AssemblyScriptRegistration();

    [GeneratedRegex("""^[ \t]*#[ \t]*define[ \t]+FILTER_ROOT_ID[ \t]+"(?<id>[^"\\\r\n]+)"[ \t]*$""", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex CDefinition();

    // Strings first, so a "//" inside a string literal is not taken for a comment.
    [GeneratedRegex("""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|//[^\n]*|/\*[\s\S]*?\*/)""", RegexOptions.CultureInvariant)]
    private static partial Regex Comments();
}
