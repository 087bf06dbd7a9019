using System.Net;
using System.Text;
using Weir.Gateway.Upstream;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>Keep-alive reuse, connection limits, idle timeouts and stale pooled connections of <see cref="Http11UpstreamHandler"/>.</summary>
public sealed class Http11ConnectionPoolingTests
{
    private const string Hello = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    private static Http11UpstreamOptions Options(int? maxConnections = null, TimeSpan? idle = null) =>
        new(TimeSpan.FromSeconds(5), idle ?? TimeSpan.FromSeconds(60), maxConnections);

    private static HttpRequestMessage Get(RawUpstream server, string path = "/") => new(HttpMethod.Get, server.Url + path);

    [Fact]
    public async Task SendAsync_SequentialRequests_ShareOneKeepAliveConnection()
    {
        await using var server = RawUpstream.Answering(Hello);
        using var client = Http11WireFormatTests.Client();

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.SendAsync(Get(server), CancellationToken.None);
            (await Http11WireFormatTests.BodyOf(response)).Should().Be("hello");
        }

        server.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_ResponseDisposedUnread_ReusesTheConnectionWhenTheBodyWasAlreadyBuffered()
    {
        await using var server = RawUpstream.Answering(Hello);
        using var client = Http11WireFormatTests.Client();

        for (var i = 0; i < 3; i++)
        {
            // A health check reads only the status.
            using var response = await client.SendAsync(Get(server), CancellationToken.None);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        server.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_LargeResponseDisposedUnread_ClosesItsConnection()
    {
        var body = new string('x', 2_000_000);
        await using var server = RawUpstream.Answering($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        using var client = Http11WireFormatTests.Client();

        using (var response = await client.SendAsync(Get(server), CancellationToken.None))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var response = await client.SendAsync(Get(server), CancellationToken.None))
        {
            (await Http11WireFormatTests.BodyOf(response)).Should().HaveLength(body.Length);
        }

        server.Accepted.Should().Be(2, "the unread rest of the first body was not worth reading for nobody");
    }

    [Fact]
    public async Task SendAsync_ServerSaysConnectionClose_NextRequestUsesANewConnection()
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
            connection.Close();
        });
        using var client = Http11WireFormatTests.Client();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(Get(server), CancellationToken.None);
            (await Http11WireFormatTests.BodyOf(response)).Should().Be("ok");
        }

        server.Accepted.Should().Be(3);
    }

    [Fact]
    public async Task SendAsync_RequestSaysConnectionClose_ClosesTheConnectionAfterTheResponse()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Hello);
            closedByClient.TrySetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        using var client = Http11WireFormatTests.Client();
        using var request = Get(server);
        request.Headers.ConnectionClose = true;

        using var response = await client.SendAsync(request, CancellationToken.None);
        (await Http11WireFormatTests.BodyOf(response)).Should().Be("hello");

        (await closedByClient.Task).Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_PooledConnectionClosedByServerWhileIdle_RequestIsSentAgainOnANewConnection()
    {
        var served = 0;
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                Interlocked.Increment(ref served);
                await connection.WriteAsync(Hello);
                if (served == 1)
                {
                    // The first connection is closed after one answer, without saying so (a keep-alive timeout).
                    connection.Close();
                    return;
                }
            }
        });
        using var client = Http11WireFormatTests.Client();

        using (var first = await client.SendAsync(Get(server), CancellationToken.None))
        {
            (await Http11WireFormatTests.BodyOf(first)).Should().Be("hello");
        }

        await Task.Delay(200);
        using var second = await client.SendAsync(Get(server), CancellationToken.None);

        (await Http11WireFormatTests.BodyOf(second)).Should().Be("hello");
        server.Accepted.Should().Be(2);
        served.Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_RequestWithBodyOnAConnectionClosedWhileIdle_IsProbedAndSentOnANewConnection()
    {
        var bodies = new List<string>();
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is { } request)
            {
                bool first;
                lock (bodies)
                {
                    bodies.Add(Encoding.ASCII.GetString(request.Body));
                    first = bodies.Count == 1;
                }

                await connection.WriteAsync(Hello);
                if (first)
                {
                    connection.Close();
                    return;
                }
            }
        });
        using var client = Http11WireFormatTests.Client();
        using (var first = await client.SendAsync(Get(server), CancellationToken.None))
        {
            await Http11WireFormatTests.BodyOf(first);
        }

        await Task.Delay(200);
        var content = new PiecewiseContent(["payload"u8.ToArray()]);
        using var second = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = content }, CancellationToken.None);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        bodies.Should().Equal(string.Empty, "payload");
        server.Accepted.Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_ConnectionFailsAfterTheBodyWasSent_IsNotSentAgain()
    {
        var requests = 0;
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                if (Interlocked.Increment(ref requests) == 1)
                {
                    await connection.WriteAsync(Hello);
                    continue;
                }

                // The body was taken, then the server died.
                connection.Reset();
                return;
            }
        });
        using var client = Http11WireFormatTests.Client();
        using (var first = await client.SendAsync(Get(server), CancellationToken.None))
        {
            await Http11WireFormatTests.BodyOf(first);
        }

        var content = new PiecewiseContent(["cannot be sent twice"u8.ToArray()]);
        var sending = () => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.Url + "/") { Content = content }, CancellationToken.None);

        await sending.Should().ThrowAsync<HttpRequestException>();
        content.Started.Should().BeTrue();
        requests.Should().Be(2, "a body already consumed cannot be replayed, so there is no second attempt");
        server.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_ConnectionFailsAfterPartOfTheResponse_IsNotSentAgain()
    {
        var requests = 0;
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                if (Interlocked.Increment(ref requests) == 1)
                {
                    await connection.WriteAsync(Hello);
                    continue;
                }

                await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Le");
                connection.Close();
                return;
            }
        });
        using var client = Http11WireFormatTests.Client();
        using (var first = await client.SendAsync(Get(server), CancellationToken.None))
        {
            await Http11WireFormatTests.BodyOf(first);
        }

        var sending = () => client.SendAsync(Get(server), CancellationToken.None);

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("middle of the response head");
        requests.Should().Be(2, "the server started answering, so it saw the request");
    }

    [Fact]
    public async Task SendAsync_AtTheConnectionLimit_LaterRequestsWaitForAConnectionToComeBack()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = StartHoldingSlowRequests(gate);
        var handler = new Http11UpstreamHandler(Options(maxConnections: 1));
        using var client = new HttpMessageInvoker(handler);

        var slow = client.SendAsync(Get(server, "/slow"), CancellationToken.None);
        await Task.Delay(100);
        var waiting = Enumerable.Range(0, 3).Select(_ => client.SendAsync(Get(server, "/fast"), CancellationToken.None)).ToArray();
        await Task.Delay(300);
        var completedEarly = waiting.Count(task => task.IsCompleted);
        gate.SetResult();
        using (var slowResponse = await slow)
        {
            (await Http11WireFormatTests.BodyOf(slowResponse)).Should().Be("hello");
        }

        // Waiters get the connection in arrival order, each once the one before read its body.
        foreach (var next in waiting)
        {
            using var response = await next.WaitAsync(TimeSpan.FromSeconds(10));
            (await Http11WireFormatTests.BodyOf(response)).Should().Be("hello");
        }

        completedEarly.Should().Be(0, "the only connection allowed was busy");
        server.Accepted.Should().Be(1);
        handler.PoolOf(server.Url)!.OpenConnections.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_WaiterCancelled_ThrowsAndLeavesNoSlotBehind()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = StartHoldingSlowRequests(gate);
        var handler = new Http11UpstreamHandler(Options(maxConnections: 1));
        using var client = new HttpMessageInvoker(handler);
        var slow = client.SendAsync(Get(server, "/slow"), CancellationToken.None);
        await Task.Delay(100);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var waiting = () => client.SendAsync(Get(server), cancel.Token);

        await waiting.Should().ThrowAsync<OperationCanceledException>();
        gate.SetResult();
        (await slow).Dispose();
        using var after = await client.SendAsync(Get(server), CancellationToken.None);
        (await Http11WireFormatTests.BodyOf(after)).Should().Be("hello");
        server.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_ConnectionIdleLongerThanTheTimeout_IsClosedAndReplaced()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Hello);
            closedByClient.TrySetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        var handler = new Http11UpstreamHandler(Options(idle: TimeSpan.FromMilliseconds(300)));
        using var client = new HttpMessageInvoker(handler);

        using (var first = await client.SendAsync(Get(server), CancellationToken.None))
        {
            await Http11WireFormatTests.BodyOf(first);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        (await closedByClient.Task).Should().BeTrue("the idle connection was closed by the client");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        handler.PoolOf(server.Url)!.IdleConnections.Should().Be(0);
        using var second = await client.SendAsync(Get(server), CancellationToken.None);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Accepted.Should().Be(2);
    }

    [Fact]
    public async Task Dispose_IdleConnections_AreClosed()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Hello);
            closedByClient.TrySetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        var client = Http11WireFormatTests.Client();
        using (var response = await client.SendAsync(Get(server), CancellationToken.None))
        {
            await Http11WireFormatTests.BodyOf(response);
        }

        client.Dispose();

        (await closedByClient.Task).Should().BeTrue();
        var after = () => client.SendAsync(Get(server), CancellationToken.None);
        await after.Should().ThrowAsync<ObjectDisposedException>();
    }

    /// <summary>A server answering "hello" to every request, holding those for <c>/slow</c> until <paramref name="gate"/> opens.</summary>
    private static RawUpstream StartHoldingSlowRequests(TaskCompletionSource gate) => RawUpstream.Start(async connection =>
    {
        while (await connection.ReadRequestAsync() is { } request)
        {
            if (request.RequestLine.Contains("/slow", StringComparison.Ordinal))
            {
                await gate.Task;
            }

            await connection.WriteAsync(Hello);
        }
    });
}
