using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Metadata;
using Weir.Hub.Storage;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Storage;

public sealed class GarbageCollectorTests
{
    [Fact]
    public async Task Collect_DeletesUnreferencedBlobsOlderThanTheGracePeriod()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.GarbageCollectionGracePeriod = TimeSpan.Zero);
        using var client = await hub.CreateWriterAsync();
        var (manifest, _) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        var orphan = await TestHub.PushBlobAsync(client, "alice/filter", "never referenced"u8.ToArray());
        await Task.Delay(50);

        var report = await CollectAsync(hub);

        report.BlobsScanned.Should().Be(3);
        report.BlobsDeleted.Should().Be(1);
        report.BytesFreed.Should().Be("never referenced"u8.Length);
        hub.BlobFiles().Should().HaveCount(2);
        using var gone = await client.GetAsync($"/v2/alice/filter/blobs/{orphan}");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var pulled = await client.GetAsync("/v2/alice/filter/manifests/v1");
        (await pulled.Content.ReadAsByteArrayAsync()).Should().Equal(manifest);
    }

    [Fact]
    public async Task Collect_KeepsUnreferencedBlobsWithinTheGracePeriod()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.GarbageCollectionGracePeriod = TimeSpan.FromHours(1));
        using var client = await hub.CreateWriterAsync();
        var orphan = await TestHub.PushBlobAsync(client, "alice/filter", "pushed a moment ago"u8.ToArray());

        var report = await CollectAsync(hub);

        report.BlobsDeleted.Should().Be(0);
        using var still = await client.GetAsync($"/v2/alice/filter/blobs/{orphan}");
        still.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Collect_AfterTheManifestIsDeleted_FreesItsBlobs()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.GarbageCollectionGracePeriod = TimeSpan.Zero);
        using var client = await hub.CreateWriterAsync();
        var (_, digest) = await TestHub.PushModuleAsync(client, "alice/filter", "v1");
        using var deleted = await client.DeleteAsync($"/v2/alice/filter/manifests/{digest}");
        await Task.Delay(50);

        var report = await CollectAsync(hub);

        report.BlobsDeleted.Should().Be(2);
        hub.BlobFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Collect_KeepsABlobReferencedFromAnotherRepository()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.GarbageCollectionGracePeriod = TimeSpan.Zero);
        using var client = await hub.CreateWriterAsync();
        var module = OciContent.WasmModule("shared");
        await TestHub.PushBlobAsync(client, "alice/loose", module);
        await TestHub.PushModuleAsync(client, "alice/filter", "v1", module);
        await Task.Delay(50);

        var report = await CollectAsync(hub);

        report.BlobsDeleted.Should().Be(0);
        using var viaManifest = await client.GetAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf(module)}");
        viaManifest.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Collect_RemovesUploadSessionsIdleLongerThanTheExpiry()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.UploadExpiry = TimeSpan.FromMinutes(30));
        using var client = await hub.CreateWriterAsync();
        using var stale = await client.PostAsync("/v2/alice/filter/blobs/uploads/", null);
        using var fresh = await client.PostAsync("/v2/alice/filter/blobs/uploads/", null);
        var staleDirectory = Path.Combine(hub.DataDirectory, "uploads", stale.Headers.Location!.ToString().Split('/')[^1]);
        File.SetLastWriteTimeUtc(Path.Combine(staleDirectory, "data"), DateTime.UtcNow.AddHours(-1));

        var report = await CollectAsync(hub);

        report.UploadsExpired.Should().Be(1);
        using var staleStatus = await client.GetAsync(stale.Headers.Location);
        using var freshStatus = await client.GetAsync(fresh.Headers.Location);
        staleStatus.StatusCode.Should().Be(HttpStatusCode.NotFound);
        freshStatus.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Collect_RunningDuringPushes_RemovesOldGarbageAndNeverBreaksAPush()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.GarbageCollectionGracePeriod = TimeSpan.FromMinutes(1));
        using var client = await hub.CreateWriterAsync();
        var orphans = await SeedOldOrphansAsync(hub, 20);

        using var stop = new CancellationTokenSource();
        var collector = hub.Server.Services.GetRequiredService<GarbageCollector>();
        var collections = Task.Run(async () =>
        {
            var runs = 0;
            while (!stop.IsCancellationRequested)
            {
                await collector.CollectAsync(CancellationToken.None);
                runs++;
            }

            return runs;
        });
        var pushes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            TestHub.PushModuleAsync(client, "alice/filter", $"v{i}", OciContent.WasmModule($"module {i}")))));
        await stop.CancelAsync();
        var runs = await collections;
        await collector.CollectAsync(CancellationToken.None);

        runs.Should().BePositive();
        foreach (var (manifest, digest) in pushes)
        {
            using var pulled = await client.GetAsync($"/v2/alice/filter/manifests/{digest}");
            (await pulled.Content.ReadAsByteArrayAsync()).Should().Equal(manifest);
        }

        for (var i = 0; i < 20; i++)
        {
            var module = OciContent.WasmModule($"module {i}");
            (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf(module)}")).Should().Equal(module);
        }

        foreach (var orphan in orphans)
        {
            File.Exists(orphan).Should().BeFalse();
        }
    }

    private static Task<GarbageCollectionReport> CollectAsync(TestHub hub) =>
        hub.Server.Services.GetRequiredService<GarbageCollector>().CollectAsync(CancellationToken.None);

    /// <summary>Blobs stored and linked an hour ago and never referenced: what a collection must remove.</summary>
    private static async Task<List<string>> SeedOldOrphansAsync(TestHub hub, int count)
    {
        var alice = await hub.Metadata.FindUserAsync("alice", CancellationToken.None);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var content = System.Text.Encoding.UTF8.GetBytes($"orphan {i}");
            var digest = TestHub.DigestOf(content);
            var hex = digest[7..];
            var path = Path.Combine(hub.DataDirectory, "blobs", "sha256", hex[..2], hex);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, content);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
            await hub.Metadata.LinkBlobAsync(new NewRepository("alice/old", alice!.Id, null, false), digest, content.Length, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
            paths.Add(path);
        }

        return paths;
    }
}
