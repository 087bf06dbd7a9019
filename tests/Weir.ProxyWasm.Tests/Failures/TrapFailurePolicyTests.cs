using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Failures;

public sealed class TrapFailurePolicyTests
{
    private static PluginConfiguration Configuration(FailurePolicy policy) => new()
    {
        Name = "trap-every-tenth",
        FailurePolicy = policy,
        Limits = new PluginLimits { MaxVms = 1 },
    };

    [Fact]
    public async Task TrapEveryTenth_FailClosed_TenthRequestsGet503_OthersSucceed_VmIsReplaced()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("trap_every_tenth.wasm", Configuration(FailurePolicy.FailClosed));

        var statuses = new List<int>();
        var numbers = new List<string?>();
        for (var i = 1; i <= 30; i++)
        {
            var result = await new Exchange().RunAsync(plugin);
            statuses.Add(result.ClientStatus);
            numbers.Add(result.Stream.RequestHeaders.Get("x-request-number"));
        }

        var failed = statuses.Select((status, index) => (status, request: index + 1)).Where(item => item.status != 200).Select(item => item.request);
        failed.Should().Equal([10, 20, 30], host.Logger.ToString());
        statuses.Where(status => status != 200).Should().AllBeEquivalentTo(503);

        // Each replacement VM starts counting again: its requests are numbered 1 to 9.
        numbers.Take(9).Should().Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        numbers.Skip(10).Take(9).Should().Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        await WaitForAsync(() => plugin.Health.Reloads == 3);
        plugin.Health.Crashes.Should().Be(3);
        plugin.Health.State.Should().Be(PluginState.Ready);
        host.Logger.HostMessages.Should().Contain(message => message.Contains("unreachable") && message.Contains("proxy_on_request_headers"));
    }

    [Fact]
    public async Task TrapEveryTenth_FailClosed_LocalResponseCarriesWasmFailStream()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("trap_every_tenth.wasm", Configuration(FailurePolicy.FailClosed));

        ExchangeResult? tenth = null;
        for (var i = 1; i <= 10; i++)
        {
            tenth = await new Exchange().RunAsync(plugin);
        }

        tenth!.LocalResponse!.StatusCode.Should().Be(503);
        tenth.LocalResponse.Details.Should().Be("wasm_fail_stream");
        tenth.ReachedUpstream.Should().BeFalse();
        tenth.Failed.Should().BeTrue();
    }

    [Fact]
    public async Task TrapEveryTenth_FailOpen_TenthRequestsSkipTheFilter()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("trap_every_tenth.wasm", Configuration(FailurePolicy.FailOpen));

        var results = new List<ExchangeResult>();
        for (var i = 1; i <= 20; i++)
        {
            results.Add(await new Exchange().RunAsync(plugin));
        }

        results.Should().OnlyContain(result => result.ClientStatus == 200 && result.ReachedUpstream);
        results[9].Bypassed.Should().BeTrue();
        results[9].Stream.RequestHeaders.Get("x-request-number").Should().BeNull("the failed stream went on without the filter");
        results[19].Bypassed.Should().BeTrue();
        results.Where(result => !result.Bypassed).Should().OnlyContain(result => result.Stream.RequestHeaders.Get("x-request-number") != null);
        await WaitForAsync(() => plugin.Health.Reloads == 2);
    }

    [Fact]
    public async Task TrapEveryTenth_Reload_TenthRequestsFailClosed_LaterOnesWaitForTheNewVm()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("trap_every_tenth.wasm", Configuration(FailurePolicy.Reload));

        var statuses = new List<int>();
        for (var i = 1; i <= 20; i++)
        {
            statuses.Add((await new Exchange().RunAsync(plugin)).ClientStatus);
        }

        statuses.Select((status, index) => (status, request: index + 1)).Where(item => item.status != 200).Select(item => item.request)
            .Should().Equal([10, 20], host.Logger.ToString());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
