using Weir.ProxyWasm.Tests.Support;
using Weir.Wasm;

namespace Weir.ProxyWasm.Tests.Lifecycle;

public sealed class VmRecyclingTests
{
    private const ulong Page = 65536;
    private static readonly ValueKind[] I32 = [ValueKind.I32];
    private static readonly ValueKind[] I32x2 = [ValueKind.I32, ValueKind.I32];
    private static readonly ValueKind[] I32x3 = [ValueKind.I32, ValueKind.I32, ValueKind.I32];

    [Fact]
    public async Task Recycling_FilterLeakingAPagePerStream_ServesEveryStreamWithoutAFailure()
    {
        var host = new TestRuntime();
        await using var plugin = CreatePlugin(host, LeakingFilter(), recycleFraction: 0.75);

        for (var i = 0; i < 60; i++)
        {
            var (outcome, failed) = await RunExchangeAsync(plugin);
            outcome.Kind.Should().Be(FilterOutcomeKind.Continue, host.Logger.ToString());
            failed.Should().BeFalse();
        }

        var health = plugin.Health;
        health.Crashes.Should().Be(0, host.Logger.ToString());
        // 16 pages of limit, a mark at 12, 2 pages at start: a VM serves 10 streams before it is recycled.
        health.Recycles.Should().BeInRange(5, 6);
        health.MemoryBytes.Should().BeLessThan(16 * Page);
        host.Logger.ToString().Should().Contain("is recycled: its memory grew to");
    }

    [Fact]
    public async Task Recycling_TurnedOff_FilterLeakingAPagePerStreamTrapsAtTheLimit()
    {
        var host = new TestRuntime();
        await using var plugin = CreatePlugin(host, LeakingFilter(), recycleFraction: 0);

        var failures = 0;
        for (var i = 0; i < 20; i++)
        {
            var (_, failed) = await RunExchangeAsync(plugin);
            failures += failed ? 1 : 0;
        }

        failures.Should().BeGreaterThan(0);
        plugin.Health.Crashes.Should().BeGreaterThan(0);
        plugin.Health.Recycles.Should().Be(0);
    }

    [Fact]
    public async Task Recycling_StreamInFlightOnTheRecycledVm_FinishesThereUnharmed()
    {
        var host = new TestRuntime();
        await using var plugin = CreatePlugin(host, LeakingFilter(), recycleFraction: 0.75);

        var early = new InMemoryHttpStream();
        var inFlight = plugin.CreateHttpStream(early);
        (await inFlight.OnRequestHeadersAsync(endOfStream: true)).Kind.Should().Be(FilterOutcomeKind.Continue);

        // Later streams push the VM past its mark; it is retired while the early stream still holds it.
        for (var i = 0; i < 12; i++)
        {
            var (outcome, failed) = await RunExchangeAsync(plugin);
            outcome.Kind.Should().Be(FilterOutcomeKind.Continue, host.Logger.ToString());
            failed.Should().BeFalse();
        }

        plugin.Health.Recycles.Should().Be(1);
        early.WithResponseStatus(200);
        (await inFlight.OnResponseHeadersAsync(endOfStream: true)).Kind.Should().Be(FilterOutcomeKind.Continue);
        await inFlight.CompleteAsync();

        inFlight.HasFailed.Should().BeFalse();
        early.ResponseHeaders.Get("x-served").Should().Be("yes");
        plugin.Health.Crashes.Should().Be(0, host.Logger.ToString());
        plugin.Health.RunningVms.Should().Be(1);
    }

    [Fact]
    public async Task Recycling_VmThatStartsAboveTheMark_IsNotRecycledForIt()
    {
        var host = new TestRuntime();
        var steady = LeakingFilter(growPerStream: false, initialPages: 14);
        await using var plugin = CreatePlugin(host, steady, recycleFraction: 0.75);

        for (var i = 0; i < 30; i++)
        {
            (await RunExchangeAsync(plugin)).Failed.Should().BeFalse();
        }

        plugin.Health.Recycles.Should().Be(0);
        plugin.Health.Crashes.Should().Be(0);
    }

    [Fact]
    public async Task Recycling_VmPastTheMarkBeforeServingEnoughStreams_KeepsServing()
    {
        // A filter that grows once, early (a table built on its first requests), then stays: recycling
        // it would only make the next VM do the same.
        var host = new TestRuntime();
        await using var plugin = CreatePlugin(host, LeakingFilter(), recycleFraction: 0.25, recycleAfterStreams: 1000);

        for (var i = 0; i < 8; i++)
        {
            (await RunExchangeAsync(plugin)).Failed.Should().BeFalse();
        }

        plugin.Health.Recycles.Should().Be(0);
        plugin.Health.MemoryBytes.Should().BeGreaterThanOrEqualTo(4 * Page, "the VM is past its mark and still serves");
    }

    private static Plugin CreatePlugin(TestRuntime host, byte[] module, double recycleFraction, long recycleAfterStreams = 1) =>
        host.Runtime.CreatePlugin(
            ProxyWasmModule.Compile(Filters.Engine, module, "leaky"),
            new PluginConfiguration
            {
                Name = "leaky",
                Limits = new PluginLimits { MaxVms = 1, MaxMemoryBytes = 16 * Page, RecycleMemoryFraction = recycleFraction, RecycleAfterStreams = recycleAfterStreams },
            });

    private static async Task<(FilterOutcome Outcome, bool Failed)> RunExchangeAsync(Plugin plugin)
    {
        var stream = new InMemoryHttpStream();
        var filter = plugin.CreateHttpStream(stream);
        var outcome = await filter.OnRequestHeadersAsync(endOfStream: true);
        if (outcome.Kind == FilterOutcomeKind.Continue)
        {
            stream.WithResponseStatus(200);
            outcome = await filter.OnResponseHeadersAsync(endOfStream: true);
        }

        await filter.CompleteAsync();
        return (outcome, filter.HasFailed);
    }

    /// <summary>
    /// A filter that grows its memory by a page in every context it creates (traps when it cannot, as
    /// SDKs do on out-of-memory) and marks each response with <c>x-served: yes</c>.
    /// </summary>
    private static byte[] LeakingFilter(bool growPerStream = true, int initialPages = 1)
    {
        var builder = new WasmModuleBuilder { MemoryPages = initialPages };
        var addHeader = builder.ImportFunction("env", "proxy_add_header_map_value", [.. I32x3, .. I32x2], I32);
        byte[] grow = growPerStream
            ? [.. WasmModuleBuilder.I32Const(1), 0x40, 0x00, .. WasmModuleBuilder.I32Const(-1), 0x46, 0x04, 0x40, 0x00, 0x0b]
            : [];
        byte[] addServed =
        [
            .. WasmModuleBuilder.I32Const(2), .. WasmModuleBuilder.I32Const(16), .. WasmModuleBuilder.I32Const(8),
            .. WasmModuleBuilder.I32Const(24), .. WasmModuleBuilder.I32Const(3), 0x10, (byte)addHeader, 0x1a,
        ];
        return builder
            .ExportedFunction("proxy_abi_version_0_2_1", [], [])
            .ExportedFunction("malloc", I32, I32, WasmModuleBuilder.I32Const(4096))
            .ExportedFunction("proxy_on_context_create", I32x2, [], grow)
            .ExportedFunction("proxy_on_vm_start", I32x2, I32, WasmModuleBuilder.I32Const(1))
            .ExportedFunction("proxy_on_configure", I32x2, I32, WasmModuleBuilder.I32Const(1))
            .ExportedFunction("proxy_on_request_headers", I32x3, I32, WasmModuleBuilder.I32Const(0))
            .ExportedFunction("proxy_on_response_headers", I32x3, I32, [.. addServed, .. WasmModuleBuilder.I32Const(0)])
            .Data(16, "x-servedyes"u8.ToArray())
            .Build();
    }
}
