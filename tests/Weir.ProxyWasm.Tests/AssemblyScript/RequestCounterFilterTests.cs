using System.Buffers.Binary;
using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class RequestCounterFilterTests
{
    private static PluginConfiguration Configuration(string vmId, int maxVms = 1) =>
        new() { Name = "counter-" + vmId, RootId = "request_counter", VmId = vmId, Limits = new PluginLimits { MaxVms = maxVms } };

    [Fact]
    public async Task RequestCounter_SequentialRequests_CountInSharedData()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("request_counter.wasm", Configuration("counting"));

        var counts = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var result = await new Exchange().RunAsync(plugin);
            counts.Add(result.Stream.RequestHeaders.Get("x-request-count"));
        }

        counts.Should().Equal(["1", "2", "3", "4", "5"], host.Logger.ToString());
        host.Runtime.TryGetSharedData("counting", "request_count", out var value, out var cas).Should().BeTrue();
        BinaryPrimitives.ReadUInt64LittleEndian(value).Should().Be(5);
        cas.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task RequestCounter_PluginsWithOneVmId_ShareTheCount_OthersDoNot()
    {
        var host = new TestRuntime();
        await using var first = host.CreatePlugin("request_counter.wasm", Configuration("shared"));
        await using var second = host.CreatePlugin("request_counter.wasm", Configuration("shared") with { Name = "second" });
        await using var separate = host.CreatePlugin("request_counter.wasm", Configuration("separate"));

        await new Exchange().RunAsync(first);
        await new Exchange().RunAsync(second);
        var shared = await new Exchange().RunAsync(first);
        var isolated = await new Exchange().RunAsync(separate);

        shared.Stream.RequestHeaders.Get("x-request-count").Should().Be("3");
        isolated.Stream.RequestHeaders.Get("x-request-count").Should().Be("1");
    }

    [Fact]
    public async Task RequestCounter_ConcurrentStreamsOnSeveralVms_LoseNoIncrement()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("request_counter.wasm", Configuration("concurrent", maxVms: 4));

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => new Exchange().RunAsync(plugin))));

        host.Runtime.TryGetSharedData("concurrent", "request_count", out var value, out _).Should().BeTrue();
        BinaryPrimitives.ReadUInt64LittleEndian(value).Should().Be(64, host.Logger.ToString());
        plugin.Health.RunningVms.Should().BeInRange(1, 4);
    }

    [Fact]
    public async Task RequestCounter_Configured_HasCreatedTheCountBeforeAnyRequest()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("request_counter.wasm", Configuration("created"));

        host.Runtime.TryGetSharedData("created", "request_count", out var value, out var cas).Should().BeTrue(host.Logger.ToString());
        BinaryPrimitives.ReadUInt64LittleEndian(value).Should().Be(0);
        cas.Should().BeGreaterThan(0, "the first increment is then a real compare-and-swap");
    }

    [Fact]
    public async Task RequestCounter_TwoPluginsOfOneVmIdHitAtOnceFromTheirFirstRequest_LoseNoIncrement()
    {
        // The first requests of every VM race here: the count survives only because the key is
        // created at configuration, before any VM serves, and every increment is a real CAS.
        var host = new TestRuntime();
        await using var first = host.CreatePlugin("request_counter.wasm", Configuration("raced", maxVms: 4));
        await using var second = host.CreatePlugin("request_counter.wasm", Configuration("raced", maxVms: 4) with { Name = "second" });

        await Task.WhenAll(Enumerable.Range(0, 128).Select(i => Task.Run(() => new Exchange().RunAsync(i % 2 == 0 ? first : second))));

        host.Runtime.TryGetSharedData("raced", "request_count", out var value, out _).Should().BeTrue();
        BinaryPrimitives.ReadUInt64LittleEndian(value).Should().Be(128, host.Logger.ToString());
    }

    [Fact]
    public async Task RequestCounter_PluginAddedLaterToAVmId_ContinuesTheCount()
    {
        var host = new TestRuntime();
        await using var first = host.CreatePlugin("request_counter.wasm", Configuration("continued"));
        for (var i = 0; i < 3; i++)
        {
            await new Exchange().RunAsync(first);
        }

        await using var later = host.CreatePlugin("request_counter.wasm", Configuration("continued") with { Name = "later" });
        var result = await new Exchange().RunAsync(later);

        result.Stream.RequestHeaders.Get("x-request-count").Should().Be("4");
    }
}
