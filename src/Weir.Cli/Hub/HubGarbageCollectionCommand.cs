using System.CommandLine;

namespace Weir.Cli.Hub;

/// <summary><c>weir hub gc</c>: one garbage collection pass, safe while the hub runs.</summary>
internal static class HubGarbageCollectionCommand
{
    public static Command Create()
    {
        var storage = new HubStorageOptions();
        var grace = new Option<double>("--grace-hours")
        {
            Description = "Keep unreferenced blobs younger than this many hours (protects pushes in progress).",
            DefaultValueFactory = _ => 2,
        };
        var command = new Command("gc", "Delete blobs no manifest references (safe while the hub serves traffic).");
        storage.AddTo(command);
        command.Options.Add(grace);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = storage.Read(parseResult);
            options.GarbageCollectionGracePeriod = TimeSpan.FromHours(parseResult.GetValue(grace));
            return HubAdministrationRunner.RunAsync(
                options,
                "gc",
                async administration =>
                {
                    var report = await administration.CollectGarbageAsync(cancellationToken).ConfigureAwait(false);
                    Console.Out.WriteLine($"Scanned {report.BlobsScanned} blobs, deleted {report.BlobsDeleted} ({report.BytesFreed} bytes), removed {report.UploadsExpired} stale uploads in {report.Duration.TotalMilliseconds:F0} ms.");
                },
                cancellationToken);
        });
        return command;
    }
}
