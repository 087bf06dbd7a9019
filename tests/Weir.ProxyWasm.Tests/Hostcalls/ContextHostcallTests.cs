using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>proxy_log, proxy_get_log_level, proxy_get_current_time_nanoseconds, proxy_set_tick_period_milliseconds, proxy_set_effective_context, proxy_done.</summary>
public sealed class ContextHostcallTests
{
    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Log_EachLevel_IsLoggedWithThePluginNameAndLevel(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (pointer, size) = script.Text("careful now");
        var (quietPointer, quietSize) = script.Text("too quiet to log");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.Log, Immediate(3), pointer, size)
            .Call(Hostcall.Log, Immediate(1), quietPointer, quietSize);

        var (host, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.Ok, "a level below the plugin's is accepted and dropped");
        host.Logger.Entries.Should().ContainSingle(entry => entry.Message == "careful now")
            .Which.Should().Be(new PluginLogEntry("probe", ProxyLogLevel.Warn, "careful now", FromHost: false));
        host.Logger.Messages.Should().NotContain("too quiet to log");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Log_BadLevelOrPointer_ReturnsBadArgumentOrInvalidMemoryAccess(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (pointer, size) = script.Text("x");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.Log, Immediate(6), pointer, size)
            .Call(Hostcall.Log, Immediate(2), BadPointer, Immediate(4))
            .Call(Hostcall.Log, Immediate(2), Immediate(0), Immediate(uint.MaxValue));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.InvalidMemoryAccess);
    }

    [Theory]
    [InlineData(ProxyLogLevel.Trace)]
    [InlineData(ProxyLogLevel.Info)]
    public async Task GetLogLevel_Abi021_ReturnsThePluginsLevel(ProxyLogLevel level)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetLogLevel, Out(0))
            .Call(Hostcall.GetLogLevel, BadPointer);

        var (_, log, _) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, script, configure: c => c with { LogLevel = level });

        log.Call(ProbeCallback.RequestHeaders, 0).Should().Match<ProbeCall>(call => call.Status == ProxyStatus.Ok && call.Slot(0) == (ulong)level);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetCurrentTimeNanoseconds_ReturnsTheHostsWallClock(ProxyAbiVersion version)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetCurrentTimeNanoseconds, Out(0))
            .Call(Hostcall.GetCurrentTimeNanoseconds, BadPointer);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(timeProvider: clock));

        var expected = (ulong)(clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        log.Call(ProbeCallback.RequestHeaders, 0).Slot(0).Should().Be(expected);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetTickPeriodMilliseconds_TicksTheRootUntilSetToZero(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.Configure).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        script.On(ProbeCallback.Tick, occurrence: 2).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(0));
        await using var plugin = host.CreateProbe(version, script);

        await WaitForAsync(() => host.ProbeLog().EnteredNames.Count(name => name == "tick") >= 3);
        await Task.Delay(100);

        var log = host.ProbeLog();
        log.EnteredNames.Count(name => name == "tick").Should().Be(3, "the third tick turned the timer off");
        log.Entered.Where(entry => entry.StartsWith("tick", StringComparison.Ordinal)).Should().AllBe("tick 1");
        log.Calls.Where(call => call.Function == Hostcall.SetTickPeriodMilliseconds).Should().OnlyContain(call => call.Status == ProxyStatus.Ok);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetTickPeriodMilliseconds_FromAStream_ArmsItsRootsTimer(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        await using var plugin = host.CreateProbe(version, script);

        await new Exchange().RunAsync(plugin);
        await WaitForAsync(() => host.ProbeLog().EnteredNames.Contains("tick"));

        host.ProbeLog().Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetEffectiveContext_KnownIdsAreAccepted_UnknownIdsAreBadArgument(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetEffectiveContext, RootContext)
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .Call(Hostcall.SetEffectiveContext, Immediate(999));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.BadArgument);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetEffectiveContext_ToTheRoot_HidesTheStreamsMaps(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (key, keySize) = script.Text(":path");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetEffectiveContext, RootContext)
            .Call(Hostcall.GetHeaderMapValue, Immediate(0), key, keySize, Out(0), Out(1))
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .Call(Hostcall.GetHeaderMapValue, Immediate(0), key, keySize, Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.NotFound);
        log.Status(ProbeCallback.RequestHeaders, 3).Should().Be(ProxyStatus.Ok);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Done_FromAStream_IsNotFound(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Call(Hostcall.Done);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Done_AfterTheRootDeferredItsShutdown_DeletesTheRoot(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = new ProbeScript();

        // The root asks to finish later, then calls proxy_done from its next tick.
        script.On(ProbeCallback.RootDone, result: 0).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        script.On(ProbeCallback.Tick).Call(Hostcall.Done).Call(Hostcall.Done);
        var plugin = host.CreateProbe(version, script);

        await plugin.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var log = host.ProbeLog();
        log.Status(ProbeCallback.Tick, 0).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.Tick, 1).Should().Be(ProxyStatus.NotFound, "the root is already finishing");
        log.EnteredNames.Should().EndWith(["root_done", "tick", "root_delete"]);
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
