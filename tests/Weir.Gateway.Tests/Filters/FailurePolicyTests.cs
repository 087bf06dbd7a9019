using System.Net;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Filters;

/// <summary>A filter that traps on every tenth request its VM sees, under each failure policy.</summary>
public sealed class FailurePolicyTests
{
    [Fact]
    public async Task FailClosed_TrappingRequestGets503_VmIsReplacedAndCounted()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await StartAsync(upstream, "fail_closed");

        var statuses = await SendAsync(gateway, 10);

        statuses.Take(9).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        statuses[9].Should().Be(HttpStatusCode.ServiceUnavailable);
        upstream.Received.Select(request => request.Header("x-request-number")).Should().Equal("1", "2", "3", "4", "5", "6", "7", "8", "9");
        await Eventually.TrueAsync(async () => (await SendAsync(gateway, 1))[0] == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a replacement VM serves again");
        upstream.Last.Header("x-request-number").Should().Be("1", "the replacement VM starts counting again");
        var metrics = await gateway.AdminGetWhenAsync("/metrics", "weir_filter_failed_streams_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_vm_failures_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_failed_streams_total{filter=\"trap\"} 1\n");
    }

    [Fact]
    public async Task FailOpen_TrappingRequestContinuesWithoutTheFilter()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await StartAsync(upstream, "fail_open");

        var statuses = await SendAsync(gateway, 10);

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        upstream.Received.Should().HaveCount(10);
        upstream.Last.Header("x-request-number").Should().BeNull("the failed filter was skipped for that request");
        await Eventually.TrueAsync(async () => (await SendAsync(gateway, 1))[0] == HttpStatusCode.OK && upstream.Last.Header("x-request-number") == "1", TimeSpan.FromSeconds(10), "a replacement VM runs the filter again");
        var metrics = await gateway.AdminGetWhenAsync("/metrics", "weir_filter_failed_streams_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_vm_failures_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_failed_streams_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_local_responses_total{filter=\"trap\"} 0\n", "failing open answers nothing itself");
    }

    [Fact]
    public async Task Reload_TrappingRequestGets503_NextRequestsWaitForTheNewVm()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await StartAsync(upstream, "reload");

        var statuses = await SendAsync(gateway, 15);

        statuses.Take(9).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        statuses[9].Should().Be(HttpStatusCode.ServiceUnavailable);
        statuses.Skip(10).Should().AllBeEquivalentTo(HttpStatusCode.OK, "new requests wait for the replacement instead of failing");
        upstream.Last.Header("x-request-number").Should().Be("5");
        var metrics = await gateway.AdminGetWhenAsync("/metrics", "weir_filter_failed_streams_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_vm_failures_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_vm_reloads_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_failed_streams_total{filter=\"trap\"} 1\n");
        metrics.Should().Contain("weir_filter_vms_running{filter=\"trap\"} 1\n");
    }

    [Fact]
    public async Task CallbackTimeout_RunawayFilterIsStoppedAndOtherRequestsPass()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[spin]", $$"""
              - { name: spin, module: "{{ExampleFilters.InfiniteLoop}}", limits: { callback_timeout: 100ms, max_vms: 1 } }
            """));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var spinning = await gateway.GetAsync("/spin");
        var elapsed = watch.Elapsed;

        spinning.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(async () =>
        {
            using var response = await gateway.GetAsync("/fine");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), "ordinary requests pass again");
    }

    [Fact]
    public async Task MemoryLimit_GreedyFilterIsStoppedAndGatewayKeepsServing()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[hog]", $$"""
              - { name: hog, module: "{{ExampleFilters.MemoryHog}}", limits: { memory: 4MiB, max_vms: 1 } }
            """));

        using var greedy = await gateway.GetAsync("/grow");

        greedy.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await gateway.GetAsync("/fine");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), "ordinary requests pass again");
    }

    private static Task<TestGateway> StartAsync(TestUpstream upstream, string policy) =>
        TestGateway.StartAsync("admin: { address: 127.0.0.1:0 }\n" + ExampleFilterTests.Chain(upstream.Url, "[trap]", $$"""
              - { name: trap, module: "{{ExampleFilters.TrapEveryTenth}}", failure_policy: {{policy}}, limits: { max_vms: 1 } }
            """));

    private static async Task<List<HttpStatusCode>> SendAsync(TestGateway gateway, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.GetAsync("/");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
