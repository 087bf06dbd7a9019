using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Weir.Gateway.Tests.Support;
using Weir.Gateway.Upstream;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>How <see cref="Http11UpstreamHandler"/> fails: connect errors, cancellation, bodies that end early, answers that are not HTTP, and 100-continue.</summary>
public sealed class Http11FailureTests
{
    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url + "/");

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsConnectionError()
    {
        using var client = Http11WireFormatTests.Client();

        var sending = () => client.SendAsync(Get($"http://127.0.0.1:{FreePorts.Reserve()}"), CancellationToken.None);

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
    }

    [Fact]
    public async Task SendAsync_ConnectSlowerThanTheConnectTimeout_ThrowsConnectionErrorAfterTheTimeout()
    {
        // A listener that never accepts, its queue filled: the kernel drops further handshakes, so a connect hangs.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(1);
        var port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var fillers = Enumerable.Range(0, 4).Select(_ => new TcpClient()).ToList();
        fillers.ForEach(filler => _ = filler.ConnectAsync(IPAddress.Loopback, port));
        try
        {
            using var client = new HttpMessageInvoker(new Http11UpstreamHandler(new Http11UpstreamOptions(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(60), null)));
            var watch = Stopwatch.StartNew();

            var sending = () => client.SendAsync(Get($"http://127.0.0.1:{port}"), CancellationToken.None);

            var thrown = (await sending.Should().ThrowAsync<HttpRequestException>()).Which;
            thrown.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
            thrown.InnerException.Should().BeOfType<TimeoutException>();
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaitingForTheHead_ThrowsPromptlyAndClosesTheConnection()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            closedByClient.TrySetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        using var client = Http11WireFormatTests.Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        var sending = () => client.SendAsync(Get(server.Url), cancel.Token);

        await sending.Should().ThrowAsync<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        (await closedByClient.Task).Should().BeTrue("an exchange given up mid-way leaves nothing reusable");
    }

    [Fact]
    public async Task SendAsync_CancelledWhileTheBodyStreams_ReadThrowsAndTheConnectionCloses()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst part");
            closedByClient.TrySetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        using var client = Http11WireFormatTests.Client();
        using var response = await client.SendAsync(Get(server.Url), CancellationToken.None);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[100];
        (await stream.ReadAsync(buffer)).Should().Be(10);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var reading = async () => await stream.ReadAsync(buffer, cancel.Token);

        await reading.Should().ThrowAsync<OperationCanceledException>();
        (await closedByClient.Task).Should().BeTrue();
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly thirty bytes of a hundred", "70 bytes before the end")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "before the last chunk")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nhello", "before the last chunk")]
    public async Task ReadAsync_BodyEndingEarly_ThrowsIOExceptionRatherThanLookingComplete(string answer, string message)
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(answer);
            connection.Close();
        });
        using var client = Http11WireFormatTests.Client();
        using var response = await client.SendAsync(Get(server.Url), CancellationToken.None);
        var stream = await response.Content.ReadAsStreamAsync();

        var reading = async () =>
        {
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        };

        (await reading.Should().ThrowAsync<IOException>()).Which.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", "not HTTP/1.x")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", "two different Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nX-Folded: one\r\n two\r\nContent-Length: 0\r\n\r\n", "folded")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n", "not a token")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", "not a number of bytes")]
    public async Task SendAsync_AnswerThatIsNotValidHttp_ThrowsInvalidResponse(string answer, string message)
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(answer);
            await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10));
        });
        using var client = Http11WireFormatTests.Client();

        var sending = () => client.SendAsync(Get(server.Url), CancellationToken.None);

        var thrown = (await sending.Should().ThrowAsync<HttpRequestException>()).Which;
        thrown.HttpRequestError.Should().Be(HttpRequestError.InvalidResponse);
        thrown.Message.Should().Contain(message);
    }

    [Fact]
    public async Task SendAsync_ResponseHeadLargerThanTheLimit_Fails()
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nX-Big: " + new string('x', 100_000) + "\r\nContent-Length: 0\r\n\r\n");
            await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10));
        });
        using var client = Http11WireFormatTests.Client();

        var sending = () => client.SendAsync(Get(server.Url), CancellationToken.None);

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.HttpRequestError.Should().Be(HttpRequestError.ConfigurationLimitExceeded);
    }

    [Fact]
    public async Task SendAsync_ContentShorterThanItsContentLength_FailsAndClosesTheConnection()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync(readBody: false);
            closedByClient.TrySetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        using var client = Http11WireFormatTests.Client();
        var content = new PiecewiseContent(["five!"u8.ToArray()]);
        content.Headers.ContentLength = 10;

        var sending = () => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = content }, CancellationToken.None);

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("5 of the 10 bytes");
        (await closedByClient.Task).Should().BeTrue("the server would otherwise wait for the missing bytes");
    }

    [Fact]
    public async Task SendAsync_ContentLongerThanItsContentLength_FailsBeforeSendingTheExtraBytes()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync(readBody: false);
            var bytes = new List<byte>();
            var buffer = new byte[1];
            while (await connection.ReceivesWithinAsync(TimeSpan.FromSeconds(5)))
            {
                try
                {
                    bytes.AddRange(await connection.ReadExactlyAsync(1));
                }
                catch (IOException)
                {
                    break;
                }
            }

            received.TrySetResult(Encoding.ASCII.GetString([.. bytes]));
        });
        using var client = Http11WireFormatTests.Client();
        var content = new PiecewiseContent(["four"u8.ToArray(), "-and-more"u8.ToArray()]);
        content.Headers.ContentLength = 4;

        var sending = () => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = content }, CancellationToken.None);

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("longer than the 4 bytes");
        (await received.Task).Should().Be("four", "nothing beyond the announced length may reach the server, where it would read as the next request");
    }

    [Fact]
    public async Task SendAsync_ExpectContinue_BodyWaitsForTheServersContinue()
    {
        var bodyEarly = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            var request = await connection.ReadRequestAsync(readBody: false);
            bodyEarly.SetResult(await connection.ReceivesWithinAsync(TimeSpan.FromMilliseconds(400)));
            await connection.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
            received.SetResult(Encoding.ASCII.GetString(await connection.ReadExactlyAsync(int.Parse(request!.Header("Content-Length")!, System.Globalization.CultureInfo.InvariantCulture))));
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        using var client = new HttpMessageInvoker(new Http11UpstreamHandler(new Http11UpstreamOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), null) { ExpectContinueTimeout = TimeSpan.FromSeconds(10) }));
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = new StringContent("the body") };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request, CancellationToken.None);

        (await bodyEarly.Task).Should().BeFalse("the body waits for 100 Continue");
        (await received.Task).Should().Be("the body");
        (await Http11WireFormatTests.BodyOf(response)).Should().Be("ok");
    }

    [Fact]
    public async Task SendAsync_ExpectContinueAnsweredWithAFinalStatus_BodyIsNeverSentAndTheConnectionCloses()
    {
        var closedWithoutBody = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync(readBody: false);
            await connection.WriteAsync("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n");
            var head = await connection.ReadHeadAsync();
            closedWithoutBody.SetResult(head is null);
        });
        using var client = Http11WireFormatTests.Client();
        var content = new PiecewiseContent(["unwanted"u8.ToArray()]);
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request, CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        content.Started.Should().BeFalse();
        (await closedWithoutBody.Task).Should().BeTrue("the server may still expect the body, so the connection cannot carry another request");
    }

    [Fact]
    public async Task SendAsync_ExpectContinueIgnoredByTheServer_BodyIsSentAfterTheTimeout()
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            var request = await connection.ReadRequestAsync();
            await connection.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Length: {request!.Body.Length}\r\n\r\n");
            await connection.WriteAsync(request.Body);
        });
        using var client = new HttpMessageInvoker(new Http11UpstreamHandler(new Http11UpstreamOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), null) { ExpectContinueTimeout = TimeSpan.FromMilliseconds(200) }));
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = new StringContent("sent anyway") };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request, CancellationToken.None);

        (await Http11WireFormatTests.BodyOf(response)).Should().Be("sent anyway");
    }
}
