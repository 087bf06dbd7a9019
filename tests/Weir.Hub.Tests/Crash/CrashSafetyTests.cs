using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Crash;

/// <summary>
/// Kills a real <c>weir hub</c> process with SIGKILL while 50 clients upload, restarts it on the same data
/// directory, and checks that nothing visible is partial or dangling.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Uploads = 50;
    private const int ChunkSize = 64 * 1024;

    [WeirCliFact]
    public async Task Hub_KilledDuringConcurrentUploads_RestartsWithOnlyCompleteVerifiableContent()
    {
        File.Exists(RepositoryRoot.WeirDll).Should().BeTrue($"the CLI must be built at {RepositoryRoot.WeirDll}");
        using var directory = new TemporaryDirectory("weir-crash");
        var data = Path.Combine(directory.Path, "data");
        var token = await ProcessRunner.RunAsync(
            HubProcess.Dotnet,
            [RepositoryRoot.WeirDll, "hub", "token", "create", "--data", data, "--user", "alice", "--scopes", "pull,push"]);
        token.ExitCode.Should().Be(0, token.ToString());
        var secret = token.Output.Trim();
        secret.Should().StartWith("weir_");

        int completedBeforeKill;
        using (var hub = await HubProcess.StartAsync(data))
        {
            using var client = Client(hub.Address, secret);
            var completed = 0;
            var enoughDone = new TaskCompletionSource();
            var uploads = Enumerable.Range(0, Uploads).Select(i => Task.Run(async () =>
            {
                await PushAsync(client, i);
                if (Interlocked.Increment(ref completed) == Uploads / 4)
                {
                    enoughDone.TrySetResult();
                }
            })).ToList();

            await Task.WhenAny(enoughDone.Task, Task.WhenAll(uploads)).WaitAsync(TimeSpan.FromMinutes(3));
            hub.KillHard();
            completedBeforeKill = Volatile.Read(ref completed);
            await Task.WhenAll(uploads.Select(upload => upload.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        completedBeforeKill.Should().BeGreaterThanOrEqualTo(Uploads / 4).And.BeLessThan(Uploads, "the kill must interrupt uploads in flight");

        using (var restarted = await HubProcess.StartAsync(data))
        {
            using var client = Client(restarted.Address, secret);

            // Every blob file holds exactly the bytes its name promises.
            var blobFiles = Directory.GetFiles(Path.Combine(data, "blobs", "sha256"), "*", SearchOption.AllDirectories);
            blobFiles.Should().NotBeEmpty();
            foreach (var file in blobFiles)
            {
                Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))).Should().Be(Path.GetFileName(file), $"{file} must match its digest");
            }

            // Every tag resolves to a manifest whose blobs are all there and intact.
            using var tagsResponse = await client.GetAsync("/v2/alice/crash/tags/list");
            tagsResponse.StatusCode.Should().Be(HttpStatusCode.OK);
            using var tagList = JsonDocument.Parse(await tagsResponse.Content.ReadAsStringAsync());
            var tags = tagList.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            tags.Count.Should().BeGreaterThanOrEqualTo(completedBeforeKill);
            foreach (var tag in tags)
            {
                using var manifestResponse = await client.GetAsync($"/v2/alice/crash/manifests/{tag}");
                manifestResponse.StatusCode.Should().Be(HttpStatusCode.OK, $"tag {tag} must resolve");
                using var manifest = JsonDocument.Parse(await manifestResponse.Content.ReadAsByteArrayAsync());
                var descriptors = manifest.RootElement.GetProperty("layers").EnumerateArray().Append(manifest.RootElement.GetProperty("config"));
                foreach (var descriptor in descriptors)
                {
                    var digest = descriptor.GetProperty("digest").GetString()!;
                    var bytes = await client.GetByteArrayAsync($"/v2/alice/crash/blobs/{digest}");
                    TestHub.DigestOf(bytes).Should().Be(digest, $"tag {tag} references {digest}");
                    bytes.Length.Should().Be(descriptor.GetProperty("size").GetInt32());
                }
            }

            // The restarted hub takes new pushes, including ones the crash interrupted.
            await PushAsync(client, Uploads - 1);
            using var last = await client.GetAsync($"/v2/alice/crash/manifests/m{Uploads - 1}");
            last.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static HttpClient Client(Uri address, string secret)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:{secret}")));
        return client;
    }

    /// <summary>A chunked layer upload (four PATCHes and a PUT), a config, and a manifest tagged m{index}.</summary>
    private static async Task PushAsync(HttpClient client, int index)
    {
        var layer = new byte[4 * ChunkSize];
        new Random(index).NextBytes(layer);
        using var start = await client.PostAsync("/v2/alice/crash/blobs/uploads/", null);
        start.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = start.Headers.Location!.ToString();
        for (var offset = 0; offset < layer.Length; offset += ChunkSize)
        {
            var chunk = new ByteArrayContent(layer, offset, ChunkSize);
            chunk.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + ChunkSize - 1}");
            using var patch = await client.PatchAsync(location, chunk);
            patch.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        using var put = await client.PutAsync($"{location}?digest={TestHub.DigestOf(layer)}", null);
        put.StatusCode.Should().Be(HttpStatusCode.Created);
        var config = Encoding.UTF8.GetBytes($"{{\"index\":{index}}}");
        await TestHub.PushBlobAsync(client, "alice/crash", config);
        using var manifest = await TestHub.PutManifestAsync(client, "alice/crash", $"m{index}", OciContent.Manifest(config, [layer]));
        manifest.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
