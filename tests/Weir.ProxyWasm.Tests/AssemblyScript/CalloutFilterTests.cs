using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class CalloutFilterTests
{
    [Fact]
    public async Task Callout_PausesTheRequestUntilTheLookupAnswers_ThenResumesWithItsResult()
    {
        var answer = new TaskCompletionSource<HttpCalloutResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var upstreams = new FakeUpstreams().Add("lookup", (_, _) => new ValueTask<HttpCalloutResponse>(answer.Task));
        var host = new TestRuntime(upstreams);
        await using var plugin = host.CreatePlugin("callout.wasm", new PluginConfiguration { Name = "callout", RootId = "callout", ConfigurationText = "lookup" });
        var stream = new InMemoryHttpStream(path: "/users/7");
        await using var filter = plugin.CreateHttpStream(stream);

        var headers = filter.OnRequestHeadersAsync(endOfStream: true).AsTask();
        await Task.Delay(100);
        headers.IsCompleted.Should().BeFalse("the filter paused the request while its callout is in flight");

        answer.SetResult(FakeUpstreams.Text(200, "user-seven"));
        var outcome = await headers.WaitAsync(TimeSpan.FromSeconds(10));

        outcome.Kind.Should().Be(FilterOutcomeKind.Continue, host.Logger.ToString());
        stream.RequestHeaders.Get("x-lookup").Should().Be("user-seven");
        upstreams.Requests.Should().ContainSingle().Which.Path.Should().Be("/lookup?path=/users/7");
    }

    [Fact]
    public async Task Callout_LookupTimesOut_ResumesWithUnavailable()
    {
        var upstreams = new FakeUpstreams().Add("lookup", async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return FakeUpstreams.Text(200, "never");
        });
        var host = new TestRuntime(upstreams);
        await using var plugin = host.CreatePlugin("callout.wasm", new PluginConfiguration { Name = "callout", RootId = "callout", ConfigurationText = "lookup" });

        // The filter asks for a 2 s timeout; the host enforces it and reports a failed call.
        var result = await new Exchange().RunAsync(plugin).WaitAsync(TimeSpan.FromSeconds(20));

        result.ReachedUpstream.Should().BeTrue(host.Logger.ToString());
        result.Stream.RequestHeaders.Get("x-lookup").Should().Be("unavailable");
    }
}
