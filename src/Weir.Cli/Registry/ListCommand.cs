using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Weir.Oci.Content;
using Weir.Oci.Store;

namespace Weir.Cli.Registry;

/// <summary><c>weir list</c>: what the local store holds.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var command = new Command("list", "List the modules in the local store: reference, manifest digest, size and when it was stored.") { json };
        command.SetAction((parseResult, cancellationToken) => RegistryCommandRunner.RunAsync("list", async () =>
        {
            var store = LocalStore.OpenDefault();
            var rows = new List<(StoredReference Entry, long Size)>();
            foreach (var entry in store.List())
            {
                rows.Add((entry, await TotalSizeAsync(store, entry, cancellationToken).ConfigureAwait(false)));
            }

            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(new JsonArray([.. rows.Select(row => (JsonNode)new JsonObject
                {
                    ["reference"] = row.Entry.Reference.ToString(),
                    ["digest"] = row.Entry.Manifest.Digest.Value,
                    ["mediaType"] = row.Entry.Manifest.MediaType,
                    ["size"] = row.Size,
                    ["created"] = row.Entry.Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                })]));
                return RegistryCommandRunner.Success;
            }

            if (rows.Count == 0)
            {
                Console.Out.WriteLine($"The local store ({store.Root}) is empty. 'weir pull REF' or 'weir push FILE.wasm REF' adds modules.");
                return RegistryCommandRunner.Success;
            }

            var width = Math.Max("REFERENCE".Length, rows.Max(row => row.Entry.Reference.ToString().Length));
            Console.Out.WriteLine($"{"REFERENCE".PadRight(width)}  {"DIGEST",-19}  {"SIZE",10}  CREATED");
            foreach (var (entry, size) in rows)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Reference.ToString().PadRight(width)}  {entry.Manifest.Digest.Algorithm}:{entry.Manifest.Digest.Encoded[..12]}  {ByteSize.Format(size),10}  {entry.Created.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
            }

            return RegistryCommandRunner.Success;
        }));
        return command;
    }

    /// <summary>The manifest plus every distinct blob it references, as far as the store holds them.</summary>
    private static async Task<long> TotalSizeAsync(LocalStore store, StoredReference entry, CancellationToken cancellationToken)
    {
        try
        {
            var (descriptor, manifest) = await store.ReadManifestAsync(entry.Reference, cancellationToken).ConfigureAwait(false);
            var distinct = new Dictionary<Digest, long> { [descriptor.Digest] = descriptor.Size, [manifest.Config.Digest] = manifest.Config.Size };
            foreach (var layer in manifest.Layers)
            {
                distinct[layer.Digest] = layer.Size;
            }

            return distinct.Values.Sum();
        }
        catch (Exception exception) when (exception is FormatException or StoreEntryNotFoundException or InvalidOperationException)
        {
            return entry.Manifest.Size;
        }
    }
}
