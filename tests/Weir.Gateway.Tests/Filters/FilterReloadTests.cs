using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Filters;

public sealed class FilterReloadTests
{
    [Fact]
    public async Task Reload_FilterConfigurationChanged_NewChainServesAndOldPluginIsReleased()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Config(upstream.Url, "v1"));
        var before = gateway.Host.Components.Count;

        await File.WriteAllTextAsync(gateway.ConfigPath, Config(upstream.Url, "v2"));
        (await gateway.Host.ReloadAsync()).Succeeded.Should().BeTrue();
        using var response = await gateway.GetAsync("/");

        response.Headers.GetValues("hello").Should().Equal("v2");
        await Eventually.TrueAsync(() => gateway.Host.Components.Count == before, TimeSpan.FromSeconds(10), "the old plugin was released once drained");
    }

    [Fact]
    public async Task Reload_WhileRequestPausedInCallout_RequestFinishesOnTheOldChain()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var lookup = await TestUpstream.StartAsync(async context =>
        {
            asked.TrySetResult();
            await release.Task;
            await context.Response.WriteAsync("old-answer");
        });
        await using var upstream = await TestUpstream.StartAsync(context => context.Response.WriteAsync(context.Request.Headers["x-lookup"] + "|" + context.Request.Headers["x-ticks"]));
        var withLookup = ExampleFilterTests.Chain(upstream.Url, "[lookup, hello]", $$"""
              - { name: lookup, module: "{{ExampleFilters.Callout}}", root_id: callout, configuration: lookup-service }
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: old }
            """, extraClusters: $"  - {{ name: lookup-service, endpoints: [{lookup.Url}] }}");
        await using var gateway = await TestGateway.StartAsync(withLookup);
        using var client = TestGateway.CreateClient();

        var paused = client.GetAsync(new Uri(gateway.Url(), "/"));
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(upstream.Url, "new"));
        (await gateway.Host.ReloadAsync()).Succeeded.Should().BeTrue();
        using (var fresh = await gateway.GetAsync("/"))
        {
            fresh.Headers.GetValues("hello").Should().Equal("new");
        }

        release.SetResult();
        using var finished = await paused;

        finished.StatusCode.Should().Be(HttpStatusCode.OK);
        (await finished.Content.ReadAsStringAsync()).Should().Be("old-answer|");
        finished.Headers.GetValues("hello").Should().Equal(["old"], "the request finished on the chain it started with");
    }

    [Fact]
    public async Task Reload_UnderLoadWithAChainOfThreeFilters_NoRequestFails()
    {
        await using var upstream = await TestUpstream.StartAsync(context => context.Response.WriteAsync("hello world"));
        await using var gateway = await TestGateway.StartAsync(ThreeFilters(upstream.Url, "a"));
        using var client = TestGateway.CreateClient();
        using var http2 = TestGateway.CreateClient(HttpVersion.Version20);
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, bool>();
        long completed = 0;
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var http = worker % 2 == 0 ? client : http2;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(gateway.Url(), "/"));
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK || body != "hello weir")
                    {
                        failures.Enqueue($"{(int)response.StatusCode} {body}");
                    }
                    else
                    {
                        seen.TryAdd(response.Headers.GetValues("hello").Single(), true);
                    }
                }
                catch (HttpRequestException exception)
                {
                    failures.Enqueue(exception.Message);
                }

                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        for (var reload = 0; reload < 8; reload++)
        {
            await Task.Delay(150);
            await File.WriteAllTextAsync(gateway.ConfigPath, ThreeFilters(upstream.Url, reload % 2 == 0 ? "b" : "a"));
            var result = await gateway.Host.ReloadAsync();
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
        }

        await Task.Delay(150);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        failures.Should().BeEmpty();
        Interlocked.Read(ref completed).Should().BeGreaterThan(100);
        seen.Keys.Should().BeEquivalentTo("a", "b");
    }

    private static string Config(string upstream, string value) => ExampleFilterTests.Chain(upstream, "[hello]", $$"""
          - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: {{value}} }
        """);

    private static string ThreeFilters(string upstream, string value) => ExampleFilterTests.Chain(upstream, "[hello, metrics, rewrite]", $$"""
          - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, configuration: {{value}} }
          - { name: metrics, module: "{{ExampleFilters.Metrics}}", root_id: metrics }
          - { name: rewrite, module: "{{ExampleFilters.BodyRewrite}}", root_id: body_rewrite, configuration: "world|weir" }
        """);
}
