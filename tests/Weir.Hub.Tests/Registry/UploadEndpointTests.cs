using System.Net;
using System.Net.Sockets;
using System.Text;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Registry;

public sealed class UploadEndpointTests
{
    private static readonly byte[] Blob = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();

    [Fact]
    public async Task Post_WithoutDigest_Returns202WithSessionLocationAndEmptyRange()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.PostAsync("/v2/alice/filter/blobs/uploads/", null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().MatchRegex("^/v2/alice/filter/blobs/uploads/[0-9a-f]{32}$");
        response.Header("Range").Should().Be("0-0");
        response.Header("Docker-Upload-UUID").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task SinglePost_WithDigest_StoresTheBlob()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = TestHub.DigestOf(Blob);

        using var response = await client.PostAsync($"/v2/alice/filter/blobs/uploads/?digest={Uri.EscapeDataString(digest)}", new ByteArrayContent(Blob));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/v2/alice/filter/blobs/{digest}");
        response.Header("Docker-Content-Digest").Should().Be(digest);
        (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{digest}")).Should().Equal(Blob);
        hub.UploadSessions().Should().BeEmpty();
    }

    [Fact]
    public async Task PostThenPut_WholeBlobInThePut_StoresTheBlob()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);

        using var response = await client.PutAsync($"{location}?digest={TestHub.DigestOf(Blob)}", new ByteArrayContent(Blob));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf(Blob)}")).Should().Equal(Blob);
    }

    [Fact]
    public async Task ChunkedPatches_InOrder_AssembleTheBlobAndReportProgress()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);

        using var first = await PatchAsync(client, location, Blob[..1000], "0-999");
        using var second = await PatchAsync(client, first.Headers.Location!.ToString(), Blob[1000..2000], "1000-1999");
        using var status = await client.GetAsync(location);
        using var last = await client.PutAsync($"{location}?digest={Uri.EscapeDataString(TestHub.DigestOf(Blob))}", WithRange(Blob[2000..], "2000-2999"));

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        first.Header("Range").Should().Be("0-999");
        second.Header("Range").Should().Be("0-1999");
        status.StatusCode.Should().Be(HttpStatusCode.NoContent);
        status.Header("Range").Should().Be("0-1999");
        last.StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf(Blob)}")).Should().Equal(Blob);
    }

    [Fact]
    public async Task StreamedPatch_WithoutContentRange_ThenEmptyPut_StoresTheBlob()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);

        using var patch = await client.PatchAsync(location, new ByteArrayContent(Blob));
        using var put = await client.PutAsync($"{location}?digest=sha256%3A{TestHub.DigestOf(Blob)[7..]}", null);

        patch.StatusCode.Should().Be(HttpStatusCode.Accepted);
        put.StatusCode.Should().Be(HttpStatusCode.Created);
        hub.BlobFiles().Should().ContainSingle();
    }

    [Fact]
    public async Task Patch_OutOfOrderChunk_Returns416WithCurrentRangeAndAppendsNothing()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);
        using var first = await PatchAsync(client, location, Blob[..1000], "0-999");

        using var skipped = await PatchAsync(client, location, Blob[1500..2000], "1500-1999");

        await skipped.ShouldBeErrorAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
        skipped.Header("Range").Should().Be("0-999");
        skipped.Headers.Location!.ToString().Should().Be(location);
        using var status = await client.GetAsync(location);
        status.Header("Range").Should().Be("0-999");
    }

    [Fact]
    public async Task Patch_RetriedChunk_Returns416()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);
        using var first = await PatchAsync(client, location, Blob[..1000], "0-999");

        using var again = await PatchAsync(client, location, Blob[..1000], "0-999");

        again.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
    }

    [Fact]
    public async Task Patch_ChunkShorterThanItsContentRange_ReturnsSizeInvalidAndRollsBack()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);
        using var first = await PatchAsync(client, location, Blob[..1000], "0-999");

        using var truncated = await PatchAsync(client, location, Blob[1000..1500], "1000-1999");

        await truncated.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "SIZE_INVALID");
        using var status = await client.GetAsync(location);
        status.Header("Range").Should().Be("0-999");
        using var rest = await client.PutAsync($"{location}?digest={TestHub.DigestOf(Blob)}", WithRange(Blob[1000..], "1000-2999"));
        rest.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Patch_ClientDisconnectsMidChunk_RollsBackToTheLastCompleteChunk()
    {
        await using var hub = await TestHub.StartAsync(kestrel: true);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.All);
        using var client = hub.CreateClient("alice", secret);
        var location = await StartAsync(client);
        using var first = await PatchAsync(client, location, Blob[..1000], "0-999");

        // Announce 1000 bytes, send 400, then close our side: Kestrel sees the body end early.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, hub.BaseAddress.Port);
            var stream = socket.GetStream();
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:{secret}"));
            var head = $"PATCH {location} HTTP/1.1\r\nHost: {hub.Authority}\r\nAuthorization: Basic {credentials}\r\n" +
                       "Content-Type: application/octet-stream\r\nContent-Range: 1000-1999\r\nContent-Length: 1000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(Blob.AsMemory(1000, 400));
            await stream.FlushAsync();
            socket.Client.Shutdown(SocketShutdown.Send);
            // Kestrel treats the half-closed connection as gone, so usually no answer arrives; it must never be a success.
            var answer = await ReadToEndAsync(stream);
            answer.Should().NotContain("202 Accepted");
        }

        using var status = await client.GetAsync(location);
        status.Header("Range").Should().Be("0-999");
        using var rest = await client.PutAsync($"{location}?digest={TestHub.DigestOf(Blob)}", WithRange(Blob[1000..], "1000-2999"));
        rest.StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf(Blob)}")).Should().Equal(Blob);
    }

    [Fact]
    public async Task Patch_MalformedChunkedBody_ReturnsBlobUploadInvalidAndRollsBack()
    {
        await using var hub = await TestHub.StartAsync(kestrel: true);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.All);
        using var client = hub.CreateClient("alice", secret);
        var location = await StartAsync(client);
        using var first = await PatchAsync(client, location, Blob[..1000], "0-999");

        // One valid 256-byte chunk of transfer encoding, then garbage where the next chunk size belongs.
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, hub.BaseAddress.Port);
        var stream = socket.GetStream();
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:{secret}"));
        var head = $"PATCH {location} HTTP/1.1\r\nHost: {hub.Authority}\r\nAuthorization: Basic {credentials}\r\n" +
                   "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Blob.AsMemory(1000, 256));
        await stream.WriteAsync("\r\nzz\r\n"u8.ToArray());
        await stream.FlushAsync();
        var answer = await ReadToEndAsync(stream);

        answer.Should().StartWith("HTTP/1.1 400").And.Contain("BLOB_UPLOAD_INVALID");
        using var status = await client.GetAsync(location);
        status.Header("Range").Should().Be("0-999");
    }

    [Fact]
    public async Task Put_WithWrongDigest_ReturnsDigestInvalidAndLeavesNothingBehind()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);
        using var patch = await client.PatchAsync(location, new ByteArrayContent(Blob));

        using var response = await client.PutAsync($"{location}?digest={TestHub.DigestOf("something else"u8.ToArray())}", null);

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
        error.GetProperty("detail").GetProperty("actual").GetString().Should().Be(TestHub.DigestOf(Blob));
        hub.BlobFiles().Should().BeEmpty();
        hub.UploadSessions().Should().BeEmpty();
        (await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().BeNull();
        using var after = await client.GetAsync(location);
        await after.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task SinglePost_WithWrongDigest_LeavesNothingBehind()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.PostAsync($"/v2/alice/filter/blobs/uploads/?digest={TestHub.DigestOf("x"u8.ToArray())}", new ByteArrayContent(Blob));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
        hub.BlobFiles().Should().BeEmpty();
        hub.UploadSessions().Should().BeEmpty();
        (await hub.Metadata.FindRepositoryAsync("alice/filter", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Put_WithoutDigest_ReturnsDigestInvalidAndKeepsTheSession()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);

        using var response = await client.PutAsync(location, new ByteArrayContent(Blob));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
        using var status = await client.GetAsync(location);
        status.StatusCode.Should().Be(HttpStatusCode.NoContent);
        status.Header("Range").Should().Be("0-0");
    }

    [Fact]
    public async Task Patch_UnknownSession_ReturnsBlobUploadUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.PatchAsync("/v2/alice/filter/blobs/uploads/0123456789abcdef0123456789abcdef", new ByteArrayContent(Blob));

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Session_UsedThroughAnotherRepository_ReturnsBlobUploadUnknown()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);

        using var response = await client.PatchAsync(location.Replace("alice/filter", "alice/other", StringComparison.Ordinal), new ByteArrayContent(Blob));

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Delete_Session_CancelsItAndDiscardsItsBytes()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);
        using var patch = await client.PatchAsync(location, new ByteArrayContent(Blob));

        using var cancel = await client.DeleteAsync(location);
        using var after = await client.GetAsync(location);

        cancel.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await after.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        hub.UploadSessions().Should().BeEmpty();
    }

    [Fact]
    public async Task Session_SurvivesAHubRestart()
    {
        using var directory = new TemporaryDirectory();
        string location;
        string secret;
        await using (var hub = await TestHub.StartAsync(dataDirectory: directory))
        {
            secret = await hub.CreateTokenAsync("alice", AccessScopes.All);
            using var client = hub.CreateClient("alice", secret);
            location = await StartAsync(client);
            using var patch = await PatchAsync(client, location, Blob[..1000], "0-999");
        }

        await using (var restarted = await TestHub.StartAsync(dataDirectory: directory))
        {
            using var client = restarted.CreateClient("alice", secret);
            using var put = await client.PutAsync($"{location}?digest={TestHub.DigestOf(Blob)}", WithRange(Blob[1000..], "1000-2999"));

            put.StatusCode.Should().Be(HttpStatusCode.Created);
            (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{TestHub.DigestOf(Blob)}")).Should().Equal(Blob);
        }
    }

    [Fact]
    public async Task Session_IdleLongerThanTheExpiry_IsUnknownAndRemoved()
    {
        await using var hub = await TestHub.StartAsync(configure: options => options.UploadExpiry = TimeSpan.FromMinutes(10));
        using var client = await hub.CreateWriterAsync();
        var location = await StartAsync(client);
        using var patch = await client.PatchAsync(location, new ByteArrayContent(Blob));
        File.SetLastWriteTimeUtc(Path.Combine(hub.DataDirectory, "uploads", location.Split('/')[^1], "data"), DateTime.UtcNow.AddMinutes(-11));

        using var put = await client.PutAsync($"{location}?digest={TestHub.DigestOf(Blob)}", null);

        await put.ShouldBeErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        hub.UploadSessions().Should().BeEmpty();
        hub.BlobFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Mount_FromARepositoryTheCallerCanRead_Returns201WithoutUpload()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/source", Blob);

        using var response = await client.PostAsync($"/v2/alice/target/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString("alice/source")}", null);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/v2/alice/target/blobs/{digest}");
        response.Header("Docker-Content-Digest").Should().Be(digest);
        (await client.GetByteArrayAsync($"/v2/alice/target/blobs/{digest}")).Should().Equal(Blob);
        hub.BlobFiles().Should().ContainSingle();
    }

    [Fact]
    public async Task Mount_FromARepositoryTheCallerCannotRead_FallsBackToAnUploadSession()
    {
        await using var hub = await TestHub.StartAsync();
        using var owner = await hub.CreateWriterAsync("alice");
        var digest = await TestHub.PushBlobAsync(owner, "alice/private", Blob);
        using var stranger = await hub.CreateWriterAsync("mallory");

        using var response = await stranger.PostAsync($"/v2/mallory/copy/blobs/uploads/?mount={digest}&from=alice/private", null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var probe = await stranger.GetAsync($"/v2/mallory/copy/blobs/{digest}");
        probe.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Mount_WithoutFrom_FallsBackToAnUploadSession()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();
        var digest = await TestHub.PushBlobAsync(client, "alice/source", Blob);

        using var response = await client.PostAsync($"/v2/alice/target/blobs/uploads/?mount={digest}", null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().StartWith("/v2/alice/target/blobs/uploads/");
    }

    [Fact]
    public async Task Mount_WithMalformedDigest_ReturnsDigestInvalid()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        using var response = await client.PostAsync("/v2/alice/target/blobs/uploads/?mount=sha256:short&from=alice/source", null);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task EmptyBlob_CanBeUploadedAndRead()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = await hub.CreateWriterAsync();

        var digest = await TestHub.PushBlobAsync(client, "alice/filter", []);

        (await client.GetByteArrayAsync($"/v2/alice/filter/blobs/{digest}")).Should().BeEmpty();
    }

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v2/alice/filter/blobs/uploads/", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return response.Headers.Location!.ToString();
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string location, byte[] chunk, string range) =>
        client.PatchAsync(location, WithRange(chunk, range));

    private static ByteArrayContent WithRange(byte[] chunk, string range)
    {
        var content = new ByteArrayContent(chunk);
        content.Headers.TryAddWithoutValidation("Content-Range", range);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (text.ToString().Contains("}]}", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server may close abruptly after answering; what arrived is what we check.
        }

        return text.ToString();
    }
}
