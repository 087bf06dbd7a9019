using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class MetricsFilterTests
{
    [Fact]
    public async Task Metrics_Requests_AreCountedMeasuredAndReadBack()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("metrics.wasm", new PluginConfiguration { Name = "metrics", RootId = "metrics" });

        var before = new List<string?>();
        foreach (var body in new[] { "a", "bbbb", "cccccccccc" })
        {
            var result = await new Exchange { ResponseBody = [body] }.RunAsync(plugin);
            before.Add(result.Stream.RequestHeaders.Get("x-requests-before"));
        }

        before.Should().Equal(["0", "1", "2"], host.Logger.ToString());
        var metrics = host.Runtime.Metrics;
        metrics.Find("example_requests_total")!.Value.Should().Be(3);
        metrics.Find("example_requests_in_flight")!.Value.Should().Be(0);
        var histogram = metrics.Find("example_response_body_bytes")!;
        histogram.Type.Should().Be(ProxyMetricType.Histogram);
        histogram.SampleCount.Should().Be(3);
        histogram.SampleSum.Should().Be(15);
        histogram.SampleMinimum.Should().Be(1);
        histogram.SampleMaximum.Should().Be(10);
    }
}
