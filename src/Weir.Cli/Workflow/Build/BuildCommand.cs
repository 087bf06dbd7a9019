using System.CommandLine;
using System.Text.Json.Nodes;
using Weir.Cli.Registry;
using Weir.Cli.Workflow.Projects;
using Weir.Cli.Workflow.Shared;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Store;

namespace Weir.Cli.Workflow.Build;

/// <summary>
/// <c>weir build [DIR] [-t REF]</c>: runs the project's toolchain, checks the module (Weir.Wasm validation,
/// proxy-wasm ABI, a plugin start with the sample configuration), detects its ABI version and root ids
/// and packages it into the local store.
/// </summary>
internal static class BuildCommand
{
    private const string Description =
        "Build a filter project made by 'weir init': run its toolchain (npm, or clang through build.sh), validate the module, " +
        "detect its proxy-wasm ABI version and root ids, start it once with the sample configuration, and package it into the local store under -t.\n" +
        "Toolchain output goes to standard error as it happens; the result goes to standard output.\n" +
        "Examples:\n" +
        "  weir build hello-filter -t 127.0.0.1:5000/hello-filter:v1\n" +
        "  weir build . -t ghcr.io/me/auth:1.0 --format compat --json\n" +
        WorkflowExitCodes.HelpText;

    public static Command Create()
    {
        var directory = new Argument<string?>("directory")
        {
            Description = "The project directory (with weir.json); default: the current directory.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var tag = new Option<string?>("--tag", "-t") { Description = "Store the packaged module in the local store under this reference, [registry[:port]/]repository[:tag]. Without it the module is built and checked only." };
        var format = new Option<string?>("--format") { Description = "OCI format: solo (default; Istio, wasme, Weir), compat, compat-docker, cncf." };
        format.CompletionSources.Add([.. ModuleFormats.WritableNames]);
        var rootIds = new Option<string[]>("--root-id") { Description = "The root id(s) the filter registers (repeatable); replaces the ones detected in the sources or listed in weir.json." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (progress and toolchain output still go to standard error)." };
        var command = new Command("build", Description) { directory, tag, format, rootIds, json };
        command.SetAction((parseResult, cancellationToken) => WorkflowCommandRunner.RunAsync("build", Console.Error, () => RunAsync(
            new BuildRequest(parseResult.GetValue(directory), parseResult.GetValue(tag), parseResult.GetValue(format), parseResult.GetValue(rootIds) ?? [], parseResult.GetValue(json)),
            Console.Out,
            Console.Error,
            cancellationToken)));
        return command;
    }

    /// <summary>Builds, checks and (with a tag) stores the project's module.</summary>
    /// <exception cref="WorkflowException">The project, a tool or the build is wrong.</exception>
    public static async Task<int> RunAsync(BuildRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var project = FilterProject.Load(request.Directory ?? ".");
        var reference = request.Tag is null ? null : ParseReference(request.Tag);
        var format = ParseFormat(request.Format);
        var steps = ToolchainPlan.For(project);
        var progress = new ProgressLog(error, steps.Count + (reference is null ? 1 : 2));
        await error.WriteLineAsync($"Building {project.Name} ({ProjectLanguages.ToDisplayName(project.Language)}) in {project.Directory}").ConfigureAwait(false);

        var started = DateTime.UtcNow;
        foreach (var step in steps)
        {
            using (progress.Step(step.Shown))
            {
                var exitCode = await ToolProcess.RunAsync(step, project.Directory, error, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new WorkflowException($"'{step.Shown}' failed with exit code {exitCode}; its output is above");
                }
            }
        }

        var shownModule = Path.GetRelativePath(project.Directory, project.ModulePath);
        if (!File.Exists(project.ModulePath))
        {
            throw new WorkflowException($"the build finished but wrote no {shownModule}; weir.json's \"module\" must name the file the build writes");
        }

        if (File.GetLastWriteTimeUtc(project.ModulePath) < started.AddSeconds(-2))
        {
            await error.WriteLineAsync($"warning: {shownModule} is older than this build; the build may write somewhere else than weir.json's \"module\"").ConfigureAwait(false);
        }

        var module = await File.ReadAllBytesAsync(project.ModulePath, cancellationToken).ConfigureAwait(false);
        var (rootIds, rootIdSource) = request.RootIds.Count > 0 ? (request.RootIds, "--root-id") : RootIdDetector.Detect(project);
        var configuration = project.ConfigurationPath is { } configurationPath && File.Exists(configurationPath)
            ? await File.ReadAllBytesAsync(configurationPath, cancellationToken).ConfigureAwait(false)
            : [];
        string abiVersion;
        using (progress.Step($"checking {shownModule}"))
        {
            if (rootIds.Count == 0)
            {
                await error.WriteLineAsync($"warning: no root id found in the sources; add \"rootIds\" to {FilterProject.FileName} or pass --root-id").ConfigureAwait(false);
            }

            (var definition, abiVersion) = await ModuleCheck.RunAsync(project.Name, shownModule, module, rootIds, configuration, cancellationToken).ConfigureAwait(false);
            foreach (var missing in RootIdDetector.MissingFromModule(definition, rootIds))
            {
                await error.WriteLineAsync($"warning: the root id '{missing}' appears nowhere in the module's data; proxies select the filter by it, so check it matches the source").ConfigureAwait(false);
            }
        }

        var package = ModulePackager.Package(module, new PackageOptions { Format = format, RootIds = rootIds, Created = SourceDate.Now() });
        if (reference is not null)
        {
            using (progress.Step($"storing {reference} in the local store"))
            {
                await LocalStore.OpenDefault().AddPackageAsync(package, reference, cancellationToken).ConfigureAwait(false);
            }
        }

        var result = new BuildResult(project, shownModule, module.Length, package, abiVersion, rootIds, rootIdSource, reference, configuration.Length > 0);
        if (request.Json)
        {
            WorkflowJson.Write(output, ToJson(result));
        }
        else
        {
            WriteSummary(result, output);
        }

        return WorkflowExitCodes.Success;
    }

    private static Reference ParseReference(string text)
    {
        try
        {
            return Reference.Parse(text);
        }
        catch (FormatException exception)
        {
            throw WorkflowException.Usage($"-t: {exception.Message}");
        }
    }

    private static ModuleFormat ParseFormat(string? text)
    {
        try
        {
            return ModuleFormats.ParseWritable(text ?? "solo");
        }
        catch (FormatException exception)
        {
            throw WorkflowException.Usage($"--format: {exception.Message}");
        }
    }

    private static JsonObject ToJson(BuildResult result) => new()
    {
        ["project"] = result.Project.Directory,
        ["name"] = result.Project.Name,
        ["language"] = ProjectLanguages.ToName(result.Project.Language),
        ["module"] = new JsonObject
        {
            ["path"] = result.Project.ModulePath,
            ["size"] = result.ModuleSize,
            ["digest"] = result.Package.ModuleDigest.Value,
        },
        ["abiVersions"] = new JsonArray([.. result.Package.RuntimeConfig.AbiVersions.Select(version => (JsonNode)version)]),
        ["rootIds"] = new JsonArray([.. result.RootIds.Select(id => (JsonNode)id)]),
        ["rootIdSource"] = result.RootIdSource,
        ["format"] = ModuleFormats.ToName(result.Package.Format),
        ["reference"] = result.Reference?.ToString(),
        ["manifestDigest"] = result.Reference is null ? null : result.Package.ManifestDigest.Value,
    };

    private static void WriteSummary(BuildResult result, TextWriter output)
    {
        var project = result.Project;
        output.WriteLine($"Built {project.Name}: {result.ShownModule} ({ByteSize.Format(result.ModuleSize)}, {result.Package.ModuleDigest})");
        output.WriteLine($"  ABI:      proxy-wasm {result.AbiVersion} ({string.Join(", ", result.Package.RuntimeConfig.AbiVersions)} in the runtime config)");
        output.WriteLine(result.RootIds.Count == 0
            ? "  root ids: none found"
            : $"  root ids: {string.Join(", ", result.RootIds)} (from {result.RootIdSource})");
        output.WriteLine($"  checked:  valid WebAssembly; the plugin starts{(result.CheckedWithConfiguration ? " with " + project.Configuration : string.Empty)}");
        if (result.Reference is null)
        {
            output.WriteLine("Not stored: give -t REGISTRY/REPOSITORY:TAG to package it into the local store.");
            return;
        }

        output.WriteLine($"Stored {result.Reference} ({ModuleFormats.ToName(result.Package.Format)})");
        output.WriteLine($"  digest:   {result.Package.ManifestDigest}");
        output.WriteLine("Next:");
        output.WriteLine($"  weir push {result.Reference}");
        output.WriteLine($"  weir deploy weir {result.Reference} --upstream http://127.0.0.1:9000 -o gateway.oci.yaml");
    }
}
