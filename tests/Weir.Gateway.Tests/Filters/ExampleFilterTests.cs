using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Filters;

/// <summary>The example filters of examples/filters run in the gateway, end to end, as an HTTP client sees them.</summary>
public sealed class ExampleFilterTests
{
    [Fact]
    public async Task AddHeader_ListenerChain_ClientSeesTheHeader()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[hello]", filters: $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
            """));

        using var response = await gateway.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("hello").Should().Equal("world!");
        (await response.Content.ReadAsStringAsync()).Should().Be("upstream");
    }

    [Fact]
    public async Task AddHeader_WithConfiguration_UsesItAsTheValue()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[hello]", filters: $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: "from weir" }
            """));

        using var response = await gateway.GetAsync("/");

        response.Headers.GetValues("hello").Should().Equal("from weir");
    }

    [Fact]
    public async Task Auth_GoodToken_RequestReachesUpstreamWithAddedHeader()
    {
        await using var authService = await TestUpstream.StartAsync(AuthService);
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(AuthConfiguration(upstream.Url, authService.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Url(), "/private"));
        request.Headers.TryAddWithoutValidation("authorization", "Bearer good");

        using var response = await gateway.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        upstream.Last.Header("added-header").Should().Be("authorized");
        authService.Last.PathAndQuery.Should().Be("/check");
        authService.Last.Header("authorization").Should().Be("Bearer good");
    }

    [Fact]
    public async Task Auth_BadToken_ClientGets403FromTheFilterAndUpstreamIsNotCalled()
    {
        await using var authService = await TestUpstream.StartAsync(AuthService);
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(AuthConfiguration(upstream.Url, authService.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Url(), "/private"));
        request.Headers.TryAddWithoutValidation("authorization", "Bearer bad");

        using var response = await gateway.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("forbidden\n");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        upstream.Count.Should().Be(0);
    }

    [Fact]
    public async Task Auth_LocalResponse_PassesThroughEarlierFiltersResponseCallbacks()
    {
        await using var authService = await TestUpstream.StartAsync(AuthService);
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[hello, auth]", filters: $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
              - { name: auth, module: "{{ExampleFilters.Auth}}", root_id: auth, configuration: auth-service }
            """, extraClusters: $"  - {{ name: auth-service, endpoints: [{authService.Url}] }}"));

        using var response = await gateway.GetAsync("/private");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.GetValues("hello").Should().Equal(["world!"], "the filter before auth sees the local response on its way out, as in Envoy");
    }

    [Fact]
    public async Task BodyRewrite_ResponseBodyIsRewrittenAndLengthDropped()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = 37;
            await context.Response.WriteAsync("hello world, the world says hello too");
        });
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[rewrite]", filters: $$"""
              - { name: rewrite, module: "{{ExampleFilters.BodyRewrite}}", root_id: body_rewrite, configuration: "world|weir" }
            """));

        using var response = await gateway.GetAsync("/");

        (await response.Content.ReadAsStringAsync()).Should().Be("hello weir, the weir says hello too");
        response.Headers.TransferEncodingChunked.Should().BeTrue("the filter removed the now wrong content-length");
    }

    [Fact]
    public async Task BodyRewrite_LargeStreamedBody_IsRewrittenWhole()
    {
        var line = "the world turns\n";
        var lines = 20_000;
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            for (var i = 0; i < lines; i++)
            {
                await context.Response.WriteAsync(line);
            }
        });
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[rewrite]", filters: $$"""
              - { name: rewrite, module: "{{ExampleFilters.BodyRewrite}}", root_id: body_rewrite, configuration: "world|weir" }
            """));

        var body = await gateway.Client.GetStringAsync(new Uri(gateway.Url(), "/"));

        body.Should().Be(string.Concat(Enumerable.Repeat("the weir turns\n", lines)));
    }

    [Fact]
    public async Task Callout_LookupResultArrivesAsRequestHeader()
    {
        await using var lookup = await TestUpstream.StartAsync(context => context.Response.WriteAsync("found:" + context.Request.Query["path"]));
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[lookup]", filters: $$"""
              - { name: lookup, module: "{{ExampleFilters.Callout}}", root_id: callout, configuration: lookup-service }
            """, extraClusters: $"  - {{ name: lookup-service, endpoints: [{lookup.Url}] }}"));

        using var response = await gateway.GetAsync("/books/7");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        upstream.Last.Header("x-lookup").Should().Be("found:/books/7");
    }

    [Fact]
    public async Task Callout_LookupServiceDown_FilterSeesFailedCall()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[lookup]", filters: $$"""
              - { name: lookup, module: "{{ExampleFilters.Callout}}", root_id: callout, configuration: lookup-service }
            """, extraClusters: $"  - {{ name: lookup-service, endpoints: [http://127.0.0.1:{FreePorts.Reserve()}] }}"));

        using var response = await gateway.GetAsync("/books/7");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        upstream.Last.Header("x-lookup").Should().Be("unavailable");
    }

    [Fact]
    public async Task RequestCounter_SharedDataAcrossVmsOfOneVmId_CountsEveryRequestOnce()
    {
        await using var upstream = await TestUpstream.StartAsync(context => context.Response.WriteAsync(context.Request.Headers["x-request-count"].ToString()));
        await using var gateway = await TestGateway.StartAsync($$"""
            listeners:
              - name: public
                address: 127.0.0.1:0
                routes:
                  - { match: { prefix: /a }, cluster: backend, filters: [count-a] }
                  - { match: { prefix: /b }, cluster: backend, filters: [count-b] }
            clusters:
              - { name: backend, endpoints: [{{upstream.Url}}] }
            filters:
              - { name: count-a, module: "{{ExampleFilters.RequestCounter}}", root_id: request_counter, vm_id: shared, limits: { max_vms: 4 } }
              - { name: count-b, module: "{{ExampleFilters.RequestCounter}}", root_id: request_counter, vm_id: shared, limits: { max_vms: 4 } }
            """);

        // The filter creates its key with an unconditional write (cas 0, as proxy-wasm defines it), so two
        // VMs that both find no key would both write 1; the first request creates it, later ones use CAS.
        (await gateway.Client.GetStringAsync(new Uri(gateway.Url(), "/a"))).Should().Be("1");
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var client = TestGateway.CreateClient();
            return await client.GetStringAsync(new Uri(gateway.Url(), i % 2 == 0 ? "/a" : "/b"));
        }));

        answers.Select(int.Parse).Should().BeEquivalentTo(Enumerable.Range(2, 40), "both filters and all their VMs share one counter");
    }

    [Fact]
    public async Task Metrics_FilterDefinedMetricsAndFilterCountersAreExported()
    {
        await using var upstream = await TestUpstream.StartAsync(context => context.Response.WriteAsync(context.Request.Headers["x-requests-before"].ToString()));
        await using var gateway = await TestGateway.StartAsync("admin: { address: 127.0.0.1:0 }\n" + Chain(upstream.Url, listenerFilters: "[metrics]", filters: $$"""
              - { name: metrics, module: "{{ExampleFilters.Metrics}}", root_id: metrics }
            """));

        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await gateway.Client.GetStringAsync(new Uri(gateway.Url(), "/")));
        }

        var metrics = await gateway.AdminGetWhenAsync("/metrics", "weir_wasm_example_requests_in_flight 0\n", "weir_wasm_example_response_body_bytes_count 3\n");
        answers.Should().Equal("0", "1", "2");
        metrics.Should().Contain("weir_wasm_example_requests_total 3\n");
        metrics.Should().Contain("weir_wasm_example_requests_in_flight 0\n");
        metrics.Should().Contain("weir_wasm_example_response_body_bytes_count 3\n");
        metrics.Should().Contain("weir_filter_streams_total{filter=\"metrics\"} 3\n");
        metrics.Should().Contain("weir_filter_vm_failures_total{filter=\"metrics\"} 0\n");
    }

    [Fact]
    public async Task Chain_ListenerAndRouteFilters_RunInOrderAndResponsesInReverse()
    {
        await using var lookup = await TestUpstream.StartAsync(context => context.Response.WriteAsync("looked-up"));
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync($$"""
            listeners:
              - name: public
                address: 127.0.0.1:0
                filters: [first, lookup]
                routes:
                  - { match: { prefix: /x }, cluster: backend, filters: [second] }
                  - { match: { prefix: / }, cluster: backend }
            clusters:
              - { name: backend, endpoints: [{{upstream.Url}}] }
              - { name: lookup-service, endpoints: [{{lookup.Url}}] }
            filters:
              - { name: first, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: first }
              - { name: second, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: second }
              - { name: lookup, module: "{{ExampleFilters.Callout}}", root_id: callout, configuration: lookup-service }
            """);

        using var withRouteFilter = await gateway.GetAsync("/x");
        using var listenerOnly = await gateway.GetAsync("/y");

        withRouteFilter.Headers.GetValues("hello").Should().Equal(["second", "first"], "response callbacks run from the last filter to the first");
        listenerOnly.Headers.GetValues("hello").Should().Equal("first");
        upstream.Received.Should().AllSatisfy(request => request.Header("x-lookup").Should().Be("looked-up"));
    }

    [Fact]
    public async Task GatewayError_PassesThroughTheFilters()
    {
        await using var gateway = await TestGateway.StartAsync(Chain($"http://127.0.0.1:{FreePorts.Reserve()}", listenerFilters: "[hello]", filters: $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
            """));

        using var response = await gateway.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        response.Headers.GetValues("hello").Should().Equal("world!");
    }

    [Fact]
    public async Task Post_ThroughFilterWithoutBodyCallback_BodyStreamsUnchanged()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[hello, metrics]", filters: $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
              - { name: metrics, module: "{{ExampleFilters.Metrics}}", root_id: metrics }
            """));
        var payload = new byte[3 * 1024 * 1024 + 5];
        new Random(3).NextBytes(payload);

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Url(), "/echo"), new ByteArrayContent(payload));

        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(payload);
        response.Headers.GetValues("hello").Should().Equal("world!");
    }

    [Fact]
    public async Task Http2Client_ThroughFilters_GetsFilteredResponseAndUpstreamTrailers()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            context.Response.DeclareTrailer("grpc-status");
            await context.Response.WriteAsync("hello world");
            context.Response.AppendTrailer("grpc-status", "0");
        }, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[hello, metrics]", filters: $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
              - { name: metrics, module: "{{ExampleFilters.Metrics}}", root_id: metrics }
            """, clusterExtra: "protocol: h2c"));
        using var client = TestGateway.CreateClient(HttpVersion.Version20);

        using var response = await client.GetAsync(new Uri(gateway.Url(), "/"));

        (await response.Content.ReadAsStringAsync()).Should().Be("hello world");
        response.Headers.GetValues("hello").Should().Equal("world!");
        response.TrailingHeaders.GetValues("grpc-status").Should().Equal("0");
    }

    [Fact]
    public async Task BodyRewrite_Http2BothWays_RewritesTheBody()
    {
        await using var upstream = await TestUpstream.StartAsync(context => context.Response.WriteAsync("hello world"), Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        await using var gateway = await TestGateway.StartAsync(Chain(upstream.Url, listenerFilters: "[rewrite]", filters: $$"""
              - { name: rewrite, module: "{{ExampleFilters.BodyRewrite}}", root_id: body_rewrite, configuration: "world|weir" }
            """, clusterExtra: "protocol: h2c"));
        using var client = TestGateway.CreateClient(HttpVersion.Version20);

        var body = await client.GetStringAsync(new Uri(gateway.Url(), "/"));

        body.Should().Be("hello weir");
    }

    internal static string Chain(string endpoint, string listenerFilters, string filters, string extraClusters = "", string clusterExtra = "") => $$"""
        listeners:
          - name: public
            address: 127.0.0.1:0
            filters: {{listenerFilters}}
            routes:
              - match: { prefix: / }
                cluster: backend
        clusters:
          - name: backend
            endpoints: [{{endpoint}}]
            {{clusterExtra}}
        {{extraClusters}}
        filters:
        {{filters}}
        """;

    private static string AuthConfiguration(string upstream, string authService) => Chain(upstream, listenerFilters: "[auth]", filters: $$"""
          - { name: auth, module: "{{ExampleFilters.Auth}}", root_id: auth, configuration: auth-service }
        """, extraClusters: $"  - {{ name: auth-service, endpoints: [{authService}] }}");

    private static Task AuthService(HttpContext context)
    {
        context.Response.StatusCode = context.Request.Headers.Authorization == "Bearer good" ? 200 : 403;
        return context.Response.WriteAsync(Encoding.UTF8.GetString("checked"u8));
    }
}
