using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Modules;
using Weir.Oci.Store;

namespace Weir.Cli.Registry;

/// <summary><c>weir inspect REF|FILE</c>: manifest, config and layers of an image, or the exports of a module file.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "A reference (local store first, else the registry) or a .wasm file." };
        var remote = new Option<bool>("--remote") { Description = "Ask the registry even when the local store has the reference." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var connection = new RegistryConnectionOptions();
        var command = new Command("inspect", "Show a module image's manifest, config (ABI versions, root ids) and layers, or a .wasm file's imports and exports.")
        {
            target, remote, json,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RegistryCommandRunner.RunAsync("inspect", async () =>
        {
            var text = parseResult.GetValue(target)!;
            JsonObject report;
            if (File.Exists(text))
            {
                report = ModuleReport(await File.ReadAllBytesAsync(text, cancellationToken).ConfigureAwait(false));
                report["file"] = Path.GetFullPath(text);
            }
            else
            {
                var reference = RegistryCommandRunner.ParseReference(text, "target");
                var store = LocalStore.OpenDefault();
                report = !parseResult.GetValue(remote) && store.Find(reference) is not null
                    ? await LocalReportAsync(store, reference, cancellationToken).ConfigureAwait(false)
                    : await RemoteReportAsync(connection, parseResult, reference, cancellationToken).ConfigureAwait(false);
            }

            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                HumanReport.Write(report);
            }

            return RegistryCommandRunner.Success;
        }));
        return command;
    }

    private static async Task<JsonObject> LocalReportAsync(LocalStore store, Reference reference, CancellationToken cancellationToken)
    {
        var (descriptor, manifest) = await store.ReadManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        var configBytes = store.Contains(manifest.Config.Digest) ? await store.ReadBlobAsync(manifest.Config.Digest, cancellationToken).ConfigureAwait(false) : null;
        var report = ImageReport(reference, descriptor, manifest, configBytes, "local store");
        try
        {
            var module = await store.ResolveModuleAsync(reference, cancellationToken).ConfigureAwait(false);
            if (module.RuntimeConfig is not null)
            {
                report["runtimeConfig"] = RuntimeConfigNode(module.RuntimeConfig);
            }

            var moduleReport = ModuleReport(await module.ReadModuleAsync(cancellationToken).ConfigureAwait(false));
            moduleReport["path"] = module.ModulePath;
            report["module"] = moduleReport;
        }
        catch (FormatException exception)
        {
            report["moduleError"] = exception.Message;
        }

        return report;
    }

    private static async Task<JsonObject> RemoteReportAsync(RegistryConnectionOptions connection, ParseResult parseResult, Reference reference, CancellationToken cancellationToken)
    {
        using var client = connection.CreateClient(parseResult);
        var top = await client.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        var image = top;
        if (MediaTypes.IsIndex(top.MediaType) || ImageManifest.LooksLikeIndex(top.Content.Span))
        {
            var child = ImageIndex.Parse(top.Content.Span).SelectWasmManifest();
            image = await client.GetManifestAsync(reference.ByDigest(child.Digest), cancellationToken).ConfigureAwait(false);
        }

        var manifest = ImageManifest.Parse(image.Content.Span);
        var config = manifest.Config.Size <= 1024 * 1024 ? await client.GetBlobAsync(reference, manifest.Config, cancellationToken).ConfigureAwait(false) : null;
        var report = ImageReport(reference, image.ToDescriptor(), manifest, config, "registry");
        if (report["format"]?.GetValue<string>() is "compat" or "compat-docker")
        {
            report["runtimeConfigNote"] = "compat images keep runtime-config.json inside the layer; 'weir pull' it, then 'weir inspect' shows the ABI versions and root ids.";
        }

        if (!ReferenceEquals(image, top))
        {
            report["index"] = new JsonObject { ["digest"] = top.Digest.Value, ["mediaType"] = top.MediaType };
        }

        return report;
    }

    private static JsonObject ImageReport(Reference reference, Descriptor descriptor, ImageManifest manifest, byte[]? configBytes, string source)
    {
        var report = new JsonObject
        {
            ["reference"] = reference.ToString(),
            ["source"] = source,
            ["manifest"] = new JsonObject
            {
                ["digest"] = descriptor.Digest.Value,
                ["mediaType"] = descriptor.MediaType,
                ["size"] = descriptor.Size,
            },
        };
        try
        {
            report["format"] = ModuleFormats.ToName(WasmArtifact.Classify(manifest, descriptor.MediaType).Format);
        }
        catch (FormatException exception)
        {
            report["format"] = null;
            report["moduleError"] = exception.Message;
        }

        var config = DescriptorNode(manifest.Config);
        if (configBytes is not null)
        {
            if (manifest.Config.MediaType is MediaTypes.SoloConfig or MediaTypes.SoloConfigMisspelled)
            {
                report["runtimeConfig"] = RuntimeConfigNode(RuntimeConfig.Parse(configBytes));
            }

            try
            {
                config["content"] = JsonNode.Parse(configBytes);
            }
            catch (JsonException)
            {
                config["content"] = null;
            }
        }

        report["config"] = config;
        report["layers"] = new JsonArray([.. manifest.Layers.Select(layer => (JsonNode)DescriptorNode(layer))]);
        report["annotations"] = Annotations(manifest.Annotations);
        return report;
    }

    private static JsonObject ModuleReport(byte[] module)
    {
        var info = WasmModuleReader.Read(module);
        return new JsonObject
        {
            ["digest"] = Digest.Compute(module).Value,
            ["size"] = module.Length,
            ["kind"] = info.Kind == WasmBinaryKind.Component ? "component" : "module",
            ["abiVersions"] = new JsonArray([.. info.ProxyAbiVersions.Select(version => (JsonNode)version)]),
            ["imports"] = new JsonArray([.. info.Imports.Select(import => (JsonNode)$"{import.Module}.{import.Name} ({import.Kind.ToString().ToLowerInvariant()})")]),
            ["exports"] = new JsonArray([.. info.Exports.Select(export => (JsonNode)$"{export.Name} ({export.Kind.ToString().ToLowerInvariant()})")]),
            ["sections"] = new JsonArray([.. info.Sections.Select(section => (JsonNode)new JsonObject { ["name"] = section.Name, ["size"] = section.Size })]),
        };
    }

    private static JsonObject RuntimeConfigNode(RuntimeConfig config) => new()
    {
        ["type"] = config.Type,
        ["abiVersions"] = new JsonArray([.. config.AbiVersions.Select(version => (JsonNode)version)]),
        ["rootIds"] = new JsonArray([.. config.RootIds.Select(id => (JsonNode)id)]),
    };

    private static JsonObject DescriptorNode(Descriptor descriptor)
    {
        var node = new JsonObject
        {
            ["mediaType"] = descriptor.MediaType,
            ["digest"] = descriptor.Digest.Value,
            ["size"] = descriptor.Size,
        };
        if (descriptor.Annotations.Count > 0)
        {
            node["annotations"] = Annotations(descriptor.Annotations);
        }

        return node;
    }

    private static JsonObject Annotations(IReadOnlyDictionary<string, string> annotations)
    {
        var node = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            node[key] = value;
        }

        return node;
    }
}
