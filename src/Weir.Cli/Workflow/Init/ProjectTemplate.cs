using System.Text;
using Weir.Cli.Workflow.Projects;

namespace Weir.Cli.Workflow.Init;

/// <summary>
/// The project templates embedded in the CLI (<c>src/Weir.Cli/Templates/LANGUAGE/</c>), rendered with the
/// filter's name: <c>{{name}}</c> and <c>{{root_id}}</c> are replaced, and <c>gitignore</c> becomes <c>.gitignore</c>
/// (a dot file would be easy to lose in the resource glob).
/// </summary>
internal static class ProjectTemplate
{
    private const string ResourcePrefix = "Templates/";

    public static IReadOnlyList<TemplateFile> Render(ProjectLanguage language, string name)
    {
        var prefix = ResourcePrefix + ProjectLanguages.ToName(language) + "/";
        var files = new List<TemplateFile>();
        foreach (var resource in typeof(ProjectTemplate).Assembly.GetManifestResourceNames().Select(NormalizeSeparators).Order(StringComparer.Ordinal))
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var relative = resource[prefix.Length..];
            if (relative == "gitignore")
            {
                relative = ".gitignore";
            }

            var text = Encoding.UTF8.GetString(ReadResource(resource));
            var rendered = text.Replace("{{name}}", name, StringComparison.Ordinal).Replace("{{root_id}}", FilterName.ToRootId(name), StringComparison.Ordinal);
            files.Add(new TemplateFile(relative, Encoding.UTF8.GetBytes(rendered), relative.EndsWith(".sh", StringComparison.Ordinal)));
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException($"The {ProjectLanguages.ToName(language)} template is missing from the weir assembly (no resources under {prefix}).");
        }

        return files;
    }

    /// <summary>Reads an embedded resource by the logical name used in the project file.</summary>
    internal static byte[] ReadResource(string logicalName)
    {
        var assembly = typeof(ProjectTemplate).Assembly;
        var actual = assembly.GetManifestResourceNames().FirstOrDefault(resource => NormalizeSeparators(resource) == logicalName)
            ?? throw new InvalidOperationException($"The resource '{logicalName}' is missing from the weir assembly.");
        using var stream = assembly.GetManifestResourceStream(actual)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    // On Windows %(RecursiveDir) yields backslashes.
    private static string NormalizeSeparators(string resource) => resource.Replace('\\', '/');
}
