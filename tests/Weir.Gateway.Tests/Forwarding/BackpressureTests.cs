using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Forwarding;

/// <summary>
/// Bodies stream with backpressure: when one side stops reading, the other side is held back after a
/// bounded amount (socket buffers and a few pipe segments) instead of the gateway buffering the body,
/// and the flow resumes once the reader reads again.
/// </summary>
public sealed class BackpressureTests
{
    // Far more than every buffer on the way can hold (loopback sockets here may grow to 32 MiB each way),
    // so a gateway that buffered bodies would have taken all of it.
    private const long Endless = 4L << 30;
    private const long HeldBackBound = 64L << 20;
    private static readonly byte[] Block = CreateBlock();

    [Fact]
    public async Task Response_ClientStopsReading_UpstreamIsHeldBackAndResumesWhenTheClientReads()
    {
        long written = 0;
        var upstreamAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            // Kestrel ignores writes once a connection is aborted, so the abort is watched for, not caught.
            context.RequestAborted.Register(() => upstreamAborted.TrySetResult());
            context.Response.ContentType = "application/octet-stream";
            await WriteEndlesslyAsync(context, () => Interlocked.Add(ref written, Block.Length));
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = new TcpClient { ReceiveBufferSize = 64 * 1024 };
        await client.ConnectAsync(gateway.Url().Host, gateway.Url().Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /download HTTP/1.1\r\nHost: test\r\n\r\n"));

        var head = new byte[1024];
        var headRead = await stream.ReadAsync(head);
        Encoding.ASCII.GetString(head, 0, headRead).Should().StartWith("HTTP/1.1 200");
        var stalled = await StalledAtAsync(() => Interlocked.Read(ref written));

        stalled.Should().BeLessThan(HeldBackBound, "the gateway must not buffer a body its client does not read");
        var buffer = new byte[256 * 1024];
        long read = 0;
        while (read < 2 * HeldBackBound)
        {
            read += await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Interlocked.Read(ref written).Should().BeGreaterThan(stalled + HeldBackBound, "reading again let the upstream write again");
        client.Close();
        await upstreamAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Response_Http2ClientStopsReading_UpstreamIsHeldBack()
    {
        long written = 0;
        await using var upstream = await TestUpstream.StartAsync(context => WriteEndlesslyAsync(context, () => Interlocked.Add(ref written, Block.Length)));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = TestGateway.CreateClient(HttpVersion.Version20);

        using var response = await client.GetAsync(new Uri(gateway.Url(), "/download"), HttpCompletionOption.ResponseHeadersRead);
        var stalled = await StalledAtAsync(() => Interlocked.Read(ref written));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        stalled.Should().BeLessThan(HeldBackBound, "HTTP/2 flow control holds the stream back, and the gateway passes that on");
    }

    [Fact]
    public async Task Request_UpstreamStopsReading_ClientIsHeldBackAndResumesWhenTheUpstreamReads()
    {
        var startReading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long received = 0;
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            await startReading.Task;
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref received, read);
            }

            await context.Response.WriteAsync(Interlocked.Read(ref received).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        long sent = 0;
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var content = new CountingContent(async stream =>
        {
            while (!finish.Task.IsCompleted)
            {
                await stream.WriteAsync(Block);
                Interlocked.Add(ref sent, Block.Length);
            }
        });

        var posting = gateway.Client.PostAsync(new Uri(gateway.Url(), "/upload"), content);
        var stalled = await StalledAtAsync(() => Interlocked.Read(ref sent));
        stalled.Should().BeLessThan(HeldBackBound, "the gateway must not buffer a body its upstream does not read");

        startReading.SetResult();
        await Eventually.TrueAsync(() => Interlocked.Read(ref sent) > stalled + HeldBackBound, TimeSpan.FromSeconds(60), "the client could send again");
        finish.SetResult();
        using var response = await posting.WaitAsync(TimeSpan.FromSeconds(60));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        long.Parse(await response.Content.ReadAsStringAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(Interlocked.Read(ref sent), "every byte sent arrived");
    }

    /// <summary>Writes 64 KiB blocks until the exchange is aborted (or an absurd amount went out).</summary>
    private static async Task WriteEndlesslyAsync(HttpContext context, Func<long> wrote)
    {
        try
        {
            var total = 0L;
            while (!context.RequestAborted.IsCancellationRequested && total < Endless)
            {
                await context.Response.Body.WriteAsync(Block, context.RequestAborted);
                total = wrote();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The other side went away: the end of every test here.
        }
    }

    /// <summary>Waits until <paramref name="counter"/> stops growing for a while and returns where it stopped.</summary>
    private static async Task<long> StalledAtAsync(Func<long> counter)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = counter();
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            var now = counter();
            if (now != last)
            {
                last = now;
                stableSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - stableSince > TimeSpan.FromMilliseconds(750) && now > 0)
            {
                return now;
            }
        }

        throw new TimeoutException($"the byte count never stopped growing (last {last}): nothing held the sender back");
    }

    private static byte[] CreateBlock()
    {
        var block = new byte[64 * 1024];
        new Random(11).NextBytes(block);
        return block;
    }

    private sealed class CountingContent : HttpContent
    {
        private readonly Func<Stream, Task> _write;

        public CountingContent(Func<Stream, Task> write)
        {
            _write = write;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _write(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
