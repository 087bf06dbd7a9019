using System.Text.Json;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Projects;

/// <summary>
/// A filter project as <c>weir init</c> writes it: a directory with a <c>weir.json</c> that names the project,
/// its language, where the build writes the module, the sample configuration and, optionally, root ids.
/// </summary>
/// <param name="Directory">The project directory (absolute).</param>
/// <param name="Name">The filter's name.</param>
/// <param name="Language">How it is built.</param>
/// <param name="Module">The build output, relative to the directory.</param>
/// <param name="Configuration">The sample plugin configuration file, relative to the directory, or null.</param>
/// <param name="RootIds">Root ids declared in <c>weir.json</c>; empty means "detect them from the sources".</param>
internal sealed record FilterProject(
    string Directory,
    string Name,
    ProjectLanguage Language,
    string Module,
    string? Configuration,
    IReadOnlyList<string> RootIds)
{
    /// <summary>The project file's name.</summary>
    public const string FileName = "weir.json";

    /// <summary>The module's absolute path.</summary>
    public string ModulePath => Path.GetFullPath(Path.Combine(Directory, Module));

    /// <summary>The sample configuration's absolute path, or null.</summary>
    public string? ConfigurationPath => Configuration is null ? null : Path.GetFullPath(Path.Combine(Directory, Configuration));

    /// <summary>Reads <c>weir.json</c> in <paramref name="directory"/>.</summary>
    /// <exception cref="WorkflowException">There is no project there, or its <c>weir.json</c> is wrong (usage error).</exception>
    public static FilterProject Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw WorkflowException.Usage($"'{directory}' does not exist; create a project with: weir init {directory} --language assemblyscript|c");
        }

        var file = Path.Combine(root, FileName);
        if (!File.Exists(file))
        {
            throw WorkflowException.Usage($"'{directory}' is not a filter project (it has no {FileName}); create one with: weir init DIR --language assemblyscript|c");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw WorkflowException.Usage($"{file} is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var element = document.RootElement;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw WorkflowException.Usage($"{file} must hold a JSON object");
            }

            var name = RequiredString(element, "name", file);
            if (FilterName.Problem(name) is { } nameProblem)
            {
                throw WorkflowException.Usage($"{file}: \"name\": {nameProblem}");
            }

            var languageText = RequiredString(element, "language", file);
            if (!ProjectLanguages.TryParse(languageText, out var language))
            {
                throw WorkflowException.Usage($"{file}: \"language\" is '{languageText}'; expected one of {string.Join(", ", ProjectLanguages.Names)}");
            }

            var module = OptionalString(element, "module", file) ?? "build/filter.wasm";
            var configuration = OptionalString(element, "configuration", file);
            var rootIds = new List<string>();
            if (element.TryGetProperty("rootIds", out var ids))
            {
                if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(id => id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0))
                {
                    throw WorkflowException.Usage($"{file}: \"rootIds\" must be a list of non-empty strings");
                }

                rootIds.AddRange(ids.EnumerateArray().Select(id => id.GetString()!));
            }

            return new FilterProject(root, name, language.Value, module, configuration, rootIds);
        }
    }

    private static string RequiredString(JsonElement element, string property, string file) =>
        OptionalString(element, property, file) ?? throw WorkflowException.Usage($"{file}: \"{property}\" is missing");

    private static string? OptionalString(JsonElement element, string property, string file)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Trim().Length == 0)
        {
            throw WorkflowException.Usage($"{file}: \"{property}\" must be a non-empty string");
        }

        return value.GetString()!.Trim();
    }
}
