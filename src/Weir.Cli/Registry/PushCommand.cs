using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Registry;
using Weir.Oci.Store;
using Weir.Oci.Transfers;

namespace Weir.Cli.Registry;

/// <summary><c>weir push REF</c> and <c>weir push FILE.wasm REF</c>.</summary>
internal static class PushCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "A reference in the local store (see 'weir list'), or a .wasm file to package and push in one step.",
        };
        var target = new Argument<string?>("target")
        {
            Description = "Where to push: [registry[:port]/]repository[:tag]. Required when SOURCE is a file; defaults to SOURCE otherwise.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format")
        {
            Description = "Format to package a .wasm file in: solo (default; Istio, wasme, Weir gateway), compat (tar+gzip image), compat-docker (Docker schema 2), cncf (containerd, wasmCloud, wkg; not Istio).",
            DefaultValueFactory = _ => "solo",
        };
        var rootIds = new Option<string[]>("--root-id")
        {
            Description = "Root id the filter registers (repeatable); written to the runtime config. ABI versions are detected from the module's proxy_abi_version_* exports.",
            AllowMultipleArgumentsPerToken = false,
        };
        var runtimeConfig = new Option<FileInfo?>("--runtime-config")
        {
            Description = "Use this runtime-config.json (wasme format) as is instead of generating one.",
        };
        var annotations = new Option<string[]>("--annotation")
        {
            Description = "Manifest annotation KEY=VALUE (repeatable).",
        };
        var chunkSize = new Option<string>("--chunk-size")
        {
            Description = "Blobs up to this size go up in one PUT, larger ones in PATCH chunks of this size (e.g. 4MiB).",
            DefaultValueFactory = _ => "8MiB",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (no progress output)." };
        var connection = new RegistryConnectionOptions();

        var command = new Command("push", "Push a module to an OCI registry, from the local store or straight from a .wasm file.")
        {
            source, target, format, rootIds, runtimeConfig, annotations, chunkSize, json,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RegistryCommandRunner.RunAsync("push", async () =>
        {
            var sourceText = parseResult.GetValue(source)!;
            var targetText = parseResult.GetValue(target);
            var quiet = parseResult.GetValue(json);
            var store = LocalStore.OpenDefault();
            Reference sourceReference;
            Reference targetReference;
            if (targetText is not null && File.Exists(sourceText))
            {
                targetReference = RegistryCommandRunner.ParseReference(targetText, "target");
                sourceReference = targetReference;
                var options = PackageOptions(parseResult, format, rootIds, runtimeConfig, annotations);
                var module = await File.ReadAllBytesAsync(sourceText, cancellationToken).ConfigureAwait(false);
                var package = ModulePackager.Package(module, options);
                if (package.RuntimeConfig.AbiVersions.Count == 0 && package.Format is ModuleFormat.Solo or ModuleFormat.Compat or ModuleFormat.CompatDocker)
                {
                    await Console.Error.WriteLineAsync($"warning: {sourceText} exports no proxy_abi_version_* marker, so the runtime config lists no ABI versions.").ConfigureAwait(false);
                }

                await store.AddPackageAsync(package, targetReference, cancellationToken).ConfigureAwait(false);
            }
            else if (targetText is null && (File.Exists(sourceText) || sourceText.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase)))
            {
                throw new CommandLineException($"'{sourceText}' is a file; give the reference to push it to: weir push {sourceText} REGISTRY/REPOSITORY:TAG");
            }
            else
            {
                if (targetText is not null && sourceText.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CommandLineException($"File '{sourceText}' does not exist.");
                }

                sourceReference = RegistryCommandRunner.ParseReference(sourceText, "source");
                targetReference = targetText is null ? sourceReference : RegistryCommandRunner.ParseReference(targetText, "target");
                if (store.Find(sourceReference) is null)
                {
                    throw new StoreEntryNotFoundException($"'{sourceReference}' is not in the local store; 'weir list' shows what is, and 'weir push FILE.wasm {sourceReference}' pushes a file.");
                }
            }

            var size = ByteSize.Parse(parseResult.GetValue(chunkSize)!);
            if (size is < 1024 or > int.MaxValue)
            {
                throw new CommandLineException("--chunk-size must be between 1KiB and 2GiB.");
            }

            using var client = connection.CreateClient(parseResult, (int)size);
            var result = await new ModuleTransfer(store, client).PushAsync(sourceReference, targetReference, new ProgressRenderer("pushed", quiet), cancellationToken).ConfigureAwait(false);
            var resolved = await store.ResolveModuleAsync(sourceReference, cancellationToken).ConfigureAwait(false);
            if (quiet)
            {
                JsonOutput.Write(new JsonObject
                {
                    ["reference"] = result.Reference.ToString(),
                    ["digest"] = result.Manifest.Digest.Value,
                    ["mediaType"] = result.Manifest.MediaType,
                    ["size"] = result.Manifest.Size,
                    ["format"] = ModuleFormats.ToName(resolved.Format),
                    ["module"] = new JsonObject { ["digest"] = resolved.ModuleDigest.Value, ["size"] = resolved.ModuleSize },
                    ["blobs"] = new JsonArray([.. result.Blobs.Select(blob => (JsonNode)new JsonObject
                    {
                        ["digest"] = blob.Blob.Digest.Value,
                        ["mediaType"] = blob.Blob.MediaType,
                        ["size"] = blob.Blob.Size,
                        ["result"] = JsonResultName(blob.Result),
                    })]),
                });
            }
            else
            {
                Console.Out.WriteLine($"Pushed {result.Reference} ({ModuleFormats.ToName(resolved.Format)})");
                Console.Out.WriteLine($"  digest: {result.Manifest.Digest}");
                Console.Out.WriteLine($"  module: {resolved.ModuleDigest} ({ByteSize.Format(resolved.ModuleSize)})");
                foreach (var (blob, outcome) in result.Blobs)
                {
                    Console.Out.WriteLine($"  {blob.MediaType} {blob.Digest.Encoded[..12]} {ByteSize.Format(blob.Size)}: {ResultName(outcome)}");
                }
            }

            return RegistryCommandRunner.Success;
        }));
        return command;
    }

    private static PackageOptions PackageOptions(ParseResult parseResult, Option<string> format, Option<string[]> rootIds, Option<FileInfo?> runtimeConfig, Option<string[]> annotations)
    {
        ModuleFormat chosen;
        try
        {
            chosen = ModuleFormats.ParseWritable(parseResult.GetValue(format) ?? "solo");
        }
        catch (FormatException exception)
        {
            throw new CommandLineException(exception.Message, exception);
        }

        RuntimeConfig? explicitConfig = null;
        if (parseResult.GetValue(runtimeConfig) is { } file)
        {
            explicitConfig = RuntimeConfig.Parse(File.ReadAllBytes(file.FullName));
        }

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parseResult.GetValue(annotations) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CommandLineException($"--annotation '{pair}' must be KEY=VALUE.");
            }

            extra[pair[..equals]] = pair[(equals + 1)..];
        }

        return new PackageOptions
        {
            Format = chosen,
            RuntimeConfig = explicitConfig,
            RootIds = parseResult.GetValue(rootIds) ?? [],
            Created = CreationTime(),
            Annotations = extra,
        };
    }

    /// <summary>Honours SOURCE_DATE_EPOCH so packaging the same module twice gives the same digests.</summary>
    private static DateTimeOffset CreationTime()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        return epoch is not null && long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;
    }

    private static string JsonResultName(BlobUploadResult result) => result switch
    {
        BlobUploadResult.AlreadyExists => "skipped",
        BlobUploadResult.Mounted => "mounted",
        BlobUploadResult.UploadedMonolithic => "uploaded",
        BlobUploadResult.UploadedChunked => "uploaded-chunked",
        _ => result.ToString(),
    };

    private static string ResultName(BlobUploadResult result) => result switch
    {
        BlobUploadResult.AlreadyExists => "already present",
        BlobUploadResult.Mounted => "mounted",
        BlobUploadResult.UploadedMonolithic => "uploaded",
        BlobUploadResult.UploadedChunked => "uploaded in chunks",
        _ => result.ToString(),
    };
}
