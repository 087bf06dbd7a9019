using System.CommandLine;
using System.Text.Json.Nodes;
using Weir.Oci.Formats;
using Weir.Oci.Store;
using Weir.Oci.Transfers;

namespace Weir.Cli.Registry;

/// <summary><c>weir pull REF [-o FILE.wasm]</c>.</summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("reference") { Description = "[registry[:port]/]repository[:tag][@digest] to pull (any Wasm-in-OCI format)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Also write the module's bytes to this file." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (no progress output)." };
        var connection = new RegistryConnectionOptions();
        var command = new Command("pull", "Pull a module from an OCI registry into the local store; every blob is verified against its digest.")
        {
            reference, output, json,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RegistryCommandRunner.RunAsync("pull", async () =>
        {
            var parsed = RegistryCommandRunner.ParseReference(parseResult.GetValue(reference)!, "reference");
            var quiet = parseResult.GetValue(json);
            var store = LocalStore.OpenDefault();
            using var client = connection.CreateClient(parseResult);
            var result = await new ModuleTransfer(store, client).PullAsync(parsed, new ProgressRenderer("pulled", quiet), cancellationToken).ConfigureAwait(false);
            string? written = null;
            if (parseResult.GetValue(output) is { } file)
            {
                written = file.FullName;
                var temp = written + ".weir-partial";
                File.Copy(result.Module.ModulePath, temp, overwrite: true);
                File.Move(temp, written, overwrite: true);
            }

            if (quiet)
            {
                JsonOutput.Write(new JsonObject
                {
                    ["reference"] = result.Reference.ToString(),
                    ["digest"] = result.Manifest.Digest.Value,
                    ["mediaType"] = result.Manifest.MediaType,
                    ["format"] = ModuleFormats.ToName(result.Module.Format),
                    ["module"] = new JsonObject
                    {
                        ["digest"] = result.Module.ModuleDigest.Value,
                        ["size"] = result.Module.ModuleSize,
                        ["path"] = result.Module.ModulePath,
                    },
                    ["abiVersions"] = new JsonArray([.. (result.Module.RuntimeConfig?.AbiVersions ?? []).Select(version => (JsonNode)version)]),
                    ["rootIds"] = new JsonArray([.. (result.Module.RuntimeConfig?.RootIds ?? []).Select(id => (JsonNode)id)]),
                    ["downloadedBytes"] = result.DownloadedBytes,
                    ["output"] = written,
                });
            }
            else
            {
                Console.Out.WriteLine($"Pulled {result.Reference} ({ModuleFormats.ToName(result.Module.Format)})");
                Console.Out.WriteLine($"  digest: {result.Manifest.Digest}");
                Console.Out.WriteLine($"  module: {result.Module.ModuleDigest} ({ByteSize.Format(result.Module.ModuleSize)})");
                if (written is not null)
                {
                    Console.Out.WriteLine($"Wrote {written}");
                }
            }

            return RegistryCommandRunner.Success;
        }));
        return command;
    }
}
