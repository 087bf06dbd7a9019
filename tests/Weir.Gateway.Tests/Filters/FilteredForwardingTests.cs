using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Filters;

/// <summary>
/// The forwarding rules hold on the filtered path too (the example AssemblyScript filters export every
/// callback, so their exchanges take the path where bodies go through the filters chunk by chunk).
/// </summary>
public sealed class FilteredForwardingTests
{
    [Fact]
    public async Task Response_UpstreamFailsMidBodyThroughBodyFilters_ClientSeesAbortNotShortBody()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.ContentLength = 1_000_000;
            await context.Response.Body.WriteAsync(new byte[100_000]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        });
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[hello, metrics]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
              - { name: metrics, module: "{{ExampleFilters.Metrics}}", root_id: metrics }
            """));

        Func<Task> reading = async () =>
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Url(), "/download"));
            await response.Content.ReadAsByteArrayAsync();
        };

        await reading.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Response_UpstreamFailsWhileRewriteFilterBuffers_ClientGets502NotAPartialBody()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            await context.Response.WriteAsync("hello world, more to come");
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        });
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[rewrite]", $$"""
              - { name: rewrite, module: "{{ExampleFilters.BodyRewrite}}", root_id: body_rewrite, configuration: "world|weir" }
            """));

        using var response = await gateway.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway, "the filter held the whole body, so nothing had reached the client and a proper error still can");
        body.Should().Be("weir: upstream reset before response\n");
    }

    [Fact]
    public async Task Response_ClientAbortsMidBodyThroughFilters_UpstreamRequestIsCancelled()
    {
        var upstreamCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => upstreamCancelled.TrySetResult());
            await context.Response.WriteAsync("first part\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var gateway = await TestGateway.StartAsync("admin: { address: 127.0.0.1:0 }\n" + ExampleFilterTests.Chain(upstream.Url, "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
            """));
        using var client = TestGateway.CreateClient();

        var response = await client.GetAsync(new Uri(gateway.Url(), "/stream"), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Encoding.UTF8.GetString(buffer, 0, read).Should().Be("first part\n");
        response.Headers.GetValues("hello").Should().Equal("world!");
        response.Dispose();

        await upstreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var metrics = await gateway.AdminGetWhenAsync("/metrics", "weir_requests_aborted_total{listener=\"public\",route=\"0\"} 1\n");
        metrics.Should().Contain("weir_requests_aborted_total{listener=\"public\",route=\"0\"} 1\n", "the client went away mid-body");
        metrics.Should().Contain("weir_filter_streams_total{filter=\"hello\"} 1\n");
    }

    [Fact]
    public async Task Post_StreamedThroughFiltersWithBodyCallbacks_UpstreamGetsEveryChunkBeforeTheEnd()
    {
        var firstChunkSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            var buffer = new byte[64];
            var read = await context.Request.Body.ReadAsync(buffer);
            firstChunkSeen.TrySetResult();
            var rest = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await context.Response.WriteAsync(Encoding.UTF8.GetString(buffer, 0, read) + rest + "|" + context.Request.Headers.TransferEncoding);
        });
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[hello, metrics]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
              - { name: metrics, module: "{{ExampleFilters.Metrics}}", root_id: metrics }
            """));
        var secondPart = new TaskCompletionSource();
        var content = new StreamedContent(async stream =>
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

        (await response.Content.ReadAsStringAsync()).Should().Be("first-second|chunked", "filters with body callbacks see chunks as they come and pass them on");
    }

    [Theory]
    [InlineData(13)]
    [InlineData(300_000)]
    public async Task Post_RequestBodyRewritingFilter_UpstreamGetsTheRewrittenBodyChunked(int length)
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await context.Response.WriteAsync($"{context.Request.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}|{context.Request.Headers.TransferEncoding}|{body}");
        });
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[upper]", $$"""
              - { name: upper, module: "{{ExampleFilters.RequestUpper}}" }
            """));
        var text = string.Concat(Enumerable.Repeat("hello gateway, ", length / 15 + 1))[..length];

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Url(), "/"), new StringContent(text));

        (await response.Content.ReadAsStringAsync()).Should().Be("none|chunked|" + text.ToUpperInvariant(), "the filter may change the body's length, so the client's Content-Length is not forwarded");
    }

    [Fact]
    public async Task Post_BufferingFilterOverItsLimit_ClientGets413AndUpstreamNothing()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[upper]", $$"""
              - { name: upper, module: "{{ExampleFilters.RequestUpper}}", limits: { max_buffered_body: 64KiB } }
            """));

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Url(), "/"), new ByteArrayContent(new byte[200_000]));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        upstream.Count.Should().Be(0, "nothing of a request the filter could not hold may reach the upstream");
    }

    [Fact]
    public async Task WebSocket_ThroughFilterChain_UpgradeCarriesTheFilterHeaderAndMessagesFlow()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("echo: " + Encoding.UTF8.GetString(buffer, 0, received.Count)), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.ReceiveAsync(buffer, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }, websockets: true);
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: upgraded }
            """));
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;

        await client.ConnectAsync(new UriBuilder(gateway.Url()) { Scheme = "ws", Path = "/socket" }.Uri, CancellationToken.None);
        await client.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var reply = await client.ReceiveAsync(buffer, CancellationToken.None);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        client.HttpStatusCode.Should().Be(HttpStatusCode.SwitchingProtocols);
        client.HttpResponseHeaders!["hello"].Should().Equal("upgraded");
        Encoding.UTF8.GetString(buffer, 0, reply.Count).Should().Be("echo: ping");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Configuration_YamlMapping_ReachesTheFilterAsJsonText()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[hello]", $$"""
              - name: hello
                module: "{{ExampleFilters.AddHeader}}"
                root_id: add_header
                configuration: { greeting: "hi there", count: 3, enabled: true, tags: [a, b], nothing: null }
            """));

        using var response = await gateway.GetAsync("/");

        response.Headers.GetValues("hello").Should().Equal("""{"greeting":"hi there","count":3,"enabled":true,"tags":["a","b"],"nothing":null}""");
    }

    private sealed class StreamedContent : HttpContent
    {
        private readonly Func<Stream, Task> _write;

        public StreamedContent(Func<Stream, Task> write)
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
