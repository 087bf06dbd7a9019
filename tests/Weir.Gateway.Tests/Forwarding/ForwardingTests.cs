using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Forwarding;

public sealed class ForwardingTests
{
    [Fact]
    public async Task Get_ThroughGateway_ReturnsUpstreamStatusHeadersAndBody()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.StatusCode = 201;
            context.Response.Headers["x-upstream"] = "yes";
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("created " + context.Request.Path + context.Request.QueryString);
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        using var response = await gateway.GetAsync("/items/42?color=blue&size=%20L");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("x-upstream").Should().Equal("yes");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("created /items/42?color=blue&size=%20L");
        upstream.Last.PathAndQuery.Should().Be("/items/42?color=blue&size=%20L");
    }

    [Fact]
    public async Task Request_WithHopByHopAndConnectionListedHeaders_UpstreamReceivesNeither()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        var response = await RawHttp.SendAsync(gateway.Url(), """
            GET / HTTP/1.1
            Host: shop.example
            Connection: x-hop, x-other
            x-hop: secret
            x-other: secret
            Keep-Alive: timeout=5
            Proxy-Authorization: Basic abc
            TE: gzip
            x-end-to-end: kept


            """, until: "upstream");

        response.Should().StartWith("HTTP/1.1 200");
        var received = upstream.Last;
        received.Header("x-hop").Should().BeNull();
        received.Header("x-other").Should().BeNull();
        received.Header("keep-alive").Should().BeNull();
        received.Header("proxy-authorization").Should().BeNull();
        received.Header("te").Should().BeNull();
        received.Header("x-end-to-end").Should().Be("kept");
    }

    [Fact]
    public async Task Response_WithHopByHopAndConnectionListedHeaders_ClientReceivesNeither()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.Headers["Connection"] = "x-private";
            context.Response.Headers["x-private"] = "hop";
            context.Response.Headers["Keep-Alive"] = "timeout=5";
            context.Response.Headers["x-public"] = "end-to-end";
            await context.Response.WriteAsync("ok");
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        using var response = await gateway.GetAsync("/");

        response.Headers.Contains("x-private").Should().BeFalse();
        response.Headers.Contains("Keep-Alive").Should().BeFalse();
        response.Headers.GetValues("x-public").Should().Equal("end-to-end");
        (await response.Content.ReadAsStringAsync()).Should().Be("ok");
    }

    [Fact]
    public async Task Request_ForwardedHeaders_SetForwardedForProtoAndHostAndUpstreamHost()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Url(), "/"));
        request.Headers.Host = "shop.example";
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");

        using var response = await gateway.Client.SendAsync(request);

        var received = upstream.Last;
        received.Header("x-forwarded-for").Should().Be("203.0.113.7, 127.0.0.1");
        received.Header("x-forwarded-proto").Should().Be("http", "the gateway states the protocol it saw, not what the client claimed");
        received.Header("x-forwarded-host").Should().Be("shop.example");
        received.Host.Should().Be(upstream.Address.Authority);
    }

    [Fact]
    public async Task Request_RouteWithPreserveHost_UpstreamSeesClientHost()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute("preserve_host: true", endpoints: upstream.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Url(), "/"));
        request.Headers.Host = "shop.example";

        using var response = await gateway.Client.SendAsync(request);

        upstream.Last.Host.Should().Be("shop.example");
    }

    [Fact]
    public async Task Post_LargeBody_ArrivesIntactBothWays()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            // Echo: the body goes straight back.
            context.Response.ContentType = "application/octet-stream";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        var payload = new byte[5 * 1024 * 1024 + 17];
        new Random(7).NextBytes(payload);

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Url(), "/echo"), new ByteArrayContent(payload));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(payload);
        upstream.Last.Header("content-length").Should().Be(payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Post_ChunkedBodyWithoutLength_IsStreamedToUpstream()
    {
        var firstChunkSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            var buffer = new byte[64];
            var read = await context.Request.Body.ReadAsync(buffer);
            firstChunkSeen.TrySetResult();
            var rest = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await context.Response.WriteAsync(Encoding.UTF8.GetString(buffer, 0, read) + rest);
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        var secondPart = new TaskCompletionSource();
        var content = new GeneratedContent(async stream =>
        {
            await stream.WriteAsync("first-"u8.ToArray());
            await stream.FlushAsync();
            await secondPart.Task;
            await stream.WriteAsync("second"u8.ToArray());
        });

        var sending = gateway.Client.PostAsync(new Uri(gateway.Url(), "/"), content);
        await firstChunkSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        secondPart.SetResult();
        using var response = await sending;

        (await response.Content.ReadAsStringAsync()).Should().Be("first-second", "the upstream got the first part before the client sent the second");
    }

    [Fact]
    public async Task Response_Streaming_ClientReadsFirstChunkBeforeUpstreamFinishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            await context.Response.WriteAsync("event: one\n");
            await context.Response.Body.FlushAsync();
            await release.Task;
            await context.Response.WriteAsync("event: two\n");
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        using var response = await gateway.Client.GetAsync(new Uri(gateway.Url(), "/events"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Encoding.UTF8.GetString(buffer, 0, read).Should().Be("event: one\n");
        release.SetResult();
        (await new StreamReader(body).ReadToEndAsync()).Should().Be("event: two\n");
    }

    [Fact]
    public async Task Request_UpstreamRefusesConnections_Returns502()
    {
        var closedPort = FreePorts.Reserve();
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: $"http://127.0.0.1:{closedPort}"));

        using var response = await gateway.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).Should().Contain("connect");
    }

    [Fact]
    public async Task Request_UpstreamNeverAcceptsTheConnection_Returns502AfterTheConnectTimeout()
    {
        // A listener that never accepts, its queue filled: the kernel drops further handshakes, so a connect hangs.
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(1);
        var port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var fillers = new List<System.Net.Sockets.TcpClient>();
        for (var i = 0; i < 4; i++)
        {
            var filler = new System.Net.Sockets.TcpClient();
            fillers.Add(filler);
            _ = filler.ConnectAsync(IPAddress.Loopback, port);
        }

        try
        {
            await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(extraCluster: "connect_timeout: 300ms", endpoints: $"http://127.0.0.1:{port}"));
            var watch = System.Diagnostics.Stopwatch.StartNew();

            using var response = await gateway.GetAsync("/");

            response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
            (await response.Content.ReadAsStringAsync()).Should().Be("weir: upstream connect failure\n");
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the 300 ms connect timeout ended the attempt, not the 15 s route timeout");
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Fact]
    public async Task Request_UpstreamSlowerThanRouteTimeout_Returns504AndCancelsUpstream()
    {
        var upstreamCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                upstreamCancelled.TrySetResult();
            }
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute("timeout: 300ms", endpoints: upstream.Url));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await gateway.GetAsync("/slow");

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        await upstreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Request_ClientAbortsBeforeResponse_UpstreamRequestIsCancelled(string version)
    {
        var upstreamStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var upstreamCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            upstreamStarted.TrySetResult();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                upstreamCancelled.TrySetResult();
            }
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = TestGateway.CreateClient(Version.Parse(version));
        using var abort = new CancellationTokenSource();

        var request = client.GetAsync(new Uri(gateway.Url(), "/long"), abort.Token);
        await upstreamStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await abort.CancelAsync();
        Func<Task> waiting = () => request;

        await waiting.Should().ThrowAsync<OperationCanceledException>();
        await upstreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Response_ClientAbortsMidBody_UpstreamRequestIsCancelled(string version)
    {
        var upstreamCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => upstreamCancelled.TrySetResult());
            await context.Response.WriteAsync("first part\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = TestGateway.CreateClient(Version.Parse(version));

        var response = await client.GetAsync(new Uri(gateway.Url(), "/stream"), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Encoding.UTF8.GetString(buffer, 0, read).Should().Be("first part\n");
        response.Dispose();

        await upstreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Response_UpstreamFailsAfterBodyStarted_ClientSeesAbortNotShortBody()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.ContentLength = 1_000_000;
            await context.Response.Body.WriteAsync(new byte[100_000]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        Func<Task> reading = async () =>
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Url(), "/download"));
            await response.Content.ReadAsByteArrayAsync();
        };

        await reading.Should().ThrowAsync<HttpRequestException>();
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Response_ChunkedUpstreamFailsMidBody_ClientSeesBrokenResponse(string version)
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            await context.Response.Body.WriteAsync(new byte[50_000]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = TestGateway.CreateClient(Version.Parse(version));

        Func<Task> reading = async () =>
        {
            using var response = await client.GetAsync(new Uri(gateway.Url(), "/download"));
            await response.Content.ReadAsByteArrayAsync();
        };

        await reading.Should().ThrowAsync<HttpRequestException>("a chunked body cut short must not look complete (no last chunk, or a stream reset)");
    }

    [Fact]
    public async Task Response_ChunkedUpstreamFailsMidBody_Http1ClientNeverGetsTheLastChunk()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            await context.Response.WriteAsync("partial body");
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        var raw = await RawHttp.SendAsync(gateway.Url(), """
            GET / HTTP/1.1
            Host: test
            Connection: close


            """);

        raw.Should().StartWith("HTTP/1.1 200").And.Contain("partial body");
        raw.Should().NotContain("\r\n0\r\n\r\n", "the gateway closes the connection instead of ending the chunked body");
    }

    [Fact]
    public async Task Request_Http2PriorKnowledgeClient_IsServedOnTheSameListenerAsHttp1()
    {
        await using var upstream = await TestUpstream.StartAsync(context => context.Response.WriteAsync("via " + context.Request.Protocol));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var http2 = TestGateway.CreateClient(HttpVersion.Version20);

        using var overHttp2 = await http2.GetAsync(new Uri(gateway.Url(), "/"));
        using var overHttp1 = await gateway.GetAsync("/");

        overHttp2.Version.Should().Be(HttpVersion.Version20);
        overHttp1.Version.Should().Be(HttpVersion.Version11);
        (await overHttp2.Content.ReadAsStringAsync()).Should().Be("via HTTP/1.1");
        (await overHttp1.Content.ReadAsStringAsync()).Should().Be("via HTTP/1.1");
    }

    [Fact]
    public async Task Request_H2cCluster_UpstreamSeesHttp2AndTrailersReachHttp2Client()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.DeclareTrailer("grpc-status");
            await context.Response.WriteAsync("via " + context.Request.Protocol);
            context.Response.AppendTrailer("grpc-status", "0");
        }, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(extraCluster: "protocol: h2c", endpoints: upstream.Url));
        using var client = TestGateway.CreateClient(HttpVersion.Version20);

        using var response = await client.GetAsync(new Uri(gateway.Url(), "/"));

        (await response.Content.ReadAsStringAsync()).Should().Be("via HTTP/2");
        response.TrailingHeaders.GetValues("grpc-status").Should().Equal("0");
    }

    [Fact]
    public async Task Request_ManySequentialRequests_ReuseUpstreamConnections()
    {
        var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var upstream = await TestUpstream.StartAsync(context =>
        {
            connections.TryAdd(context.Connection.Id, true);
            return context.Response.WriteAsync("ok");
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        for (var i = 0; i < 50; i++)
        {
            using var response = await gateway.GetAsync("/");
            response.EnsureSuccessStatusCode();
        }

        connections.Count.Should().Be(1, "keep-alive connections to the upstream are pooled");
    }

    [Fact]
    public async Task Request_HeadAndNoContent_PassThroughWithoutBodies()
    {
        await using var upstream = await TestUpstream.StartAsync(context =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.ContentLength = 1234;
                return Task.CompletedTask;
            }

            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        using var head = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(gateway.Url(), "/")));
        using var deleted = await gateway.Client.DeleteAsync(new Uri(gateway.Url(), "/thing"));

        head.Content.Headers.ContentLength.Should().Be(1234);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        upstream.Received.Select(request => request.Method).Should().Equal("HEAD", "DELETE");
    }

    [Fact]
    public async Task Request_MultipleSetCookieHeaders_ArriveAsSeparateHeaders()
    {
        await using var upstream = await TestUpstream.StartAsync(context =>
        {
            context.Response.Headers.Append("Set-Cookie", "a=1; Path=/");
            context.Response.Headers.Append("Set-Cookie", "b=2; Path=/");
            return Task.CompletedTask;
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        using var response = await gateway.GetAsync("/");

        response.Headers.GetValues("Set-Cookie").Should().Equal("a=1; Path=/", "b=2; Path=/");
    }

    private sealed class GeneratedContent : HttpContent
    {
        private readonly Func<Stream, Task> _write;

        public GeneratedContent(Func<Stream, Task> write)
        {
            _write = write;
            Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _write(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
