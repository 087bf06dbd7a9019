using System.CommandLine;
using System.Text.Json.Nodes;
using Weir.Cli.Workflow.Projects;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Init;

/// <summary><c>weir init DIR --language assemblyscript|c [--name NAME]</c>: creates a filter project from an embedded template.</summary>
internal static class InitCommand
{
    private const string Description =
        "Create a proxy-wasm filter project (source, build files, weir.json, a sample configuration, a gateway.yaml and a README).\n" +
        "Languages: assemblyscript (AssemblyScript 0.14 + @solo-io/proxy-runtime 0.1.8; builds with node and npm), " +
        "c (C + the project's proxy_wasm.h; builds with clang and wasi-libc).\n" +
        "Examples:\n" +
        "  weir init hello-filter --language assemblyscript\n" +
        "  weir init filters/auth --language c --name auth\n" +
        WorkflowExitCodes.HelpText;

    public static Command Create()
    {
        var directory = new Argument<string?>("directory")
        {
            Description = "Where to create the project (created when missing).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var language = new Option<string?>("--language", "-l") { Description = "The filter's language: assemblyscript or c." };
        language.CompletionSources.Add(ProjectLanguages.Names);
        var name = new Option<string?>("--name") { Description = "The filter's name (lower-case letters, digits, '-' and '_'); default: the directory's name. The root id is the name with '-' turned into '_'." };
        var force = new Option<bool>("--force") { Description = "Overwrite files of the template that already exist in the directory." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("init", Description) { directory, language, name, force, json };
        command.SetAction((parseResult, cancellationToken) => WorkflowCommandRunner.RunAsync("init", Console.Error, () => Task.FromResult(Run(
            new InitRequest(parseResult.GetValue(directory), parseResult.GetValue(language), parseResult.GetValue(name), parseResult.GetValue(force), parseResult.GetValue(json)),
            Console.Out))));
        return command;
    }

    /// <summary>Creates the project; writes a summary (or JSON) to <paramref name="output"/>.</summary>
    /// <exception cref="WorkflowException">A usage problem: no directory or language, a bad name, files in the way.</exception>
    public static int Run(InitRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(request.Directory))
        {
            throw WorkflowException.Usage("give the project directory: weir init DIR --language assemblyscript|c");
        }

        if (request.Language is null)
        {
            throw WorkflowException.Usage($"give the language: --language {string.Join('|', ProjectLanguages.Names)}");
        }

        if (!ProjectLanguages.TryParse(request.Language, out var language))
        {
            throw WorkflowException.Usage($"--language '{request.Language}' is not offered; choose {string.Join(" or ", ProjectLanguages.Names)} (the languages whose build is tested)");
        }

        var name = request.Name ?? FilterName.FromDirectory(request.Directory)
            ?? throw WorkflowException.Usage($"cannot derive a filter name from '{request.Directory}'; give one with --name");
        if (FilterName.Problem(name) is { } problem)
        {
            throw WorkflowException.Usage($"--name: {problem}");
        }

        var root = Path.GetFullPath(request.Directory);
        if (File.Exists(root))
        {
            throw WorkflowException.Usage($"'{request.Directory}' is a file, not a directory");
        }

        var files = ProjectTemplate.Render(language.Value, name);
        var existing = files.Where(file => File.Exists(Target(root, file))).Select(file => file.RelativePath).ToList();
        if (existing.Count > 0 && !request.Force)
        {
            throw WorkflowException.Usage($"'{request.Directory}' already has {string.Join(", ", existing)}; choose an empty directory or use --force to overwrite them");
        }

        foreach (var file in files)
        {
            var target = Target(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Content);
            if (file.Executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        var rootId = FilterName.ToRootId(name);
        if (request.Json)
        {
            WorkflowJson.Write(output, new JsonObject
            {
                ["directory"] = root,
                ["name"] = name,
                ["language"] = ProjectLanguages.ToName(language.Value),
                ["rootId"] = rootId,
                ["files"] = new JsonArray([.. files.Select(file => (JsonNode)file.RelativePath)]),
            });
            return WorkflowExitCodes.Success;
        }

        output.WriteLine($"Created {name} in {Shown(request.Directory)}: a proxy-wasm filter in {ProjectLanguages.ToDisplayName(language.Value)}, root id {rootId}.");
        foreach (var file in files)
        {
            output.WriteLine("  " + file.RelativePath);
        }

        var tools = language == ProjectLanguage.AssemblyScript ? "node and npm" : "clang, wasm-ld and wasi-libc";
        output.WriteLine();
        output.WriteLine("Next:");
        output.WriteLine($"  weir build {Shown(request.Directory)} -t 127.0.0.1:5000/{name}:v1    # builds with {tools}");
        output.WriteLine($"  weir proxy -c {Shown(Path.Combine(request.Directory, "gateway.yaml"))}    # the filter in front of http://127.0.0.1:9000");
        output.WriteLine($"{Shown(Path.Combine(request.Directory, "README.md"))} shows the rest: hub, push, deploy to Envoy or Istio.");
        return WorkflowExitCodes.Success;
    }

    private static string Target(string root, TemplateFile file) => Path.Combine(root, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string Shown(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
