using Weir.ProxyWasm.Tests.Hostcalls;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Lifecycle;

public sealed class VmPoolTests
{
    [Fact]
    public async Task ConcurrentStreams_GetTheirOwnVmsUpToTheLimit_ThenShare()
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1);
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, script, c => c with { Limits = new PluginLimits { MaxVms = 2 } });

        var filters = Enumerable.Range(0, 3).Select(_ => plugin.CreateHttpStream(new InMemoryHttpStream())).ToList();
        var pending = filters.Select(filter => filter.OnRequestHeadersAsync(endOfStream: true).AsTask()).ToList();
        await ContextHostcallTests.WaitForAsync(() => host.ProbeLog().EnteredNames.Count(name => name == "request_headers") == 3);

        plugin.Health.RunningVms.Should().Be(2);
        filters.Select(filter => filter.ContextId).Should().BeEquivalentTo([2, 2, 3], "each VM numbers its own contexts after its root (1)");
        host.ProbeLog().EnteredNames.Count(name => name == "vm_start").Should().Be(2);
        foreach (var filter in filters)
        {
            await filter.CompleteAsync();
        }

        var outcomes = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10));
        outcomes.Should().OnlyContain(outcome => outcome.Kind == FilterOutcomeKind.Reset, "an abandoned paused stream ends as a reset");
    }

    [Fact]
    public async Task SequentialStreams_ReuseOneVm()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, new ProbeScript(), c => c with { Limits = new PluginLimits { MaxVms = 4 } });

        for (var i = 0; i < 5; i++)
        {
            await new Exchange().RunAsync(plugin);
        }

        plugin.Health.RunningVms.Should().Be(1);
        plugin.Health.MemoryBytes.Should().BeGreaterThan(0).And.Match(bytes => bytes % 65_536 == 0, "memory grows in whole pages");
        host.ProbeLog().Entered.Where(entry => entry.StartsWith("stream_context_create", StringComparison.Ordinal))
            .Should().Equal("stream_context_create 2 1", "stream_context_create 3 1", "stream_context_create 4 1", "stream_context_create 5 1", "stream_context_create 6 1");
    }

    [Fact]
    public async Task RepeatedCrashes_BackOff_AndFailClosedStreamsGet503MeanwhileWithoutStartingVms()
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Trap();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, script, c => c with
        {
            Limits = new PluginLimits { MaxVms = 1, ReloadBackoffBase = TimeSpan.FromSeconds(30) },
        });

        var first = await new Exchange().RunAsync(plugin);
        await ContextHostcallTests.WaitForAsync(() => plugin.Health.State == PluginState.Ready);
        var second = await new Exchange().RunAsync(plugin);
        var duringBackoff = await new Exchange().RunAsync(plugin);

        (first.ClientStatus, second.ClientStatus, duringBackoff.ClientStatus).Should().Be((503, 503, 503));
        duringBackoff.Failed.Should().BeTrue();
        var health = plugin.Health;
        health.State.Should().Be(PluginState.Reloading);
        health.Crashes.Should().Be(2, "the third stream found no VM and did not start one");
        health.NextReloadAt.Should().BeAfter(DateTimeOffset.UtcNow.AddSeconds(20));
        host.ProbeLog().EnteredNames.Count(name => name == "vm_start").Should().Be(2);
    }

    [Fact]
    public async Task RepeatedCrashes_FailOpen_SkipsTheFilterWhileBackingOff()
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Trap();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, script, c => c with
        {
            FailurePolicy = FailurePolicy.FailOpen,
            Limits = new PluginLimits { MaxVms = 1, ReloadBackoffBase = TimeSpan.FromSeconds(30) },
        });

        await new Exchange().RunAsync(plugin);
        await ContextHostcallTests.WaitForAsync(() => plugin.Health.State == PluginState.Ready);
        await new Exchange().RunAsync(plugin);
        var duringBackoff = await new Exchange().RunAsync(plugin);

        duringBackoff.ClientStatus.Should().Be(200);
        duringBackoff.Bypassed.Should().BeTrue();
    }

    [Theory]
    [InlineData(FailurePolicy.FailClosed, 503)]
    [InlineData(FailurePolicy.Reload, 200)]
    public async Task WhileBackingOff_FailClosedAnswersAtOnce_ReloadWaitsForTheNextVm(FailurePolicy policy, int expectedStatus)
    {
        // Every VM dies on its first tick, 300 ms after it starts: the second death starts a 2 s backoff.
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.Configure).Call(Hostcall.SetTickPeriodMilliseconds, ProbeArgument.Immediate(300));
        script.On(ProbeCallback.Tick).Trap();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, script, c => c with
        {
            FailurePolicy = policy,
            Limits = new PluginLimits { MaxVms = 1, ReloadBackoffBase = TimeSpan.FromSeconds(2), ReloadWaitTimeout = TimeSpan.FromSeconds(10) },
        });
        await ContextHostcallTests.WaitForAsync(() => plugin.Health is { Crashes: 2, NextReloadAt: not null });

        var result = await new Exchange().RunAsync(plugin);

        result.ClientStatus.Should().Be(expectedStatus, host.Logger.ToString());
    }

    [Fact]
    public async Task PluginThatRejectsItsConfiguration_FailsToLoad()
    {
        var vmStart = new ProbeScript();
        vmStart.On(ProbeCallback.VmStart, result: 0);
        var configure = new ProbeScript();
        configure.On(ProbeCallback.Configure, result: 0);
        var traps = new ProbeScript();
        traps.On(ProbeCallback.Configure).Trap();
        var host = new TestRuntime();

        host.Invoking(h => h.CreateProbe(ProxyAbiVersion.V0_2_1, vmStart)).Should().Throw<PluginLoadException>().WithMessage("*proxy_on_vm_start returned false*");
        host.Invoking(h => h.CreateProbe(ProxyAbiVersion.V0_2_1, configure)).Should().Throw<PluginLoadException>().WithMessage("*proxy_on_configure returned false*");
        host.Invoking(h => h.CreateProbe(ProxyAbiVersion.V0_2_1, traps)).Should().Throw<PluginLoadException>().WithMessage("*failed in proxy_on_configure*unreachable*");
    }

    [Fact]
    public async Task DisposedPlugin_RefusesNewStreams_AndReportsStopped()
    {
        var host = new TestRuntime();
        var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, new ProbeScript());

        await plugin.DisposeAsync();

        plugin.Health.State.Should().Be(PluginState.Stopped);
        plugin.Invoking(p => p.CreateHttpStream(new InMemoryHttpStream())).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task DisposingAPlugin_LetsStreamsInFlightFinish()
    {
        var host = new TestRuntime();
        var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, new ProbeScript());
        var filter = plugin.CreateHttpStream(new InMemoryHttpStream());
        await filter.OnRequestHeadersAsync(endOfStream: true);

        var disposing = plugin.DisposeAsync().AsTask();
        await Task.Delay(50);
        disposing.IsCompleted.Should().BeFalse("a stream is still in flight");
        await filter.CompleteAsync();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));

        host.ProbeLog().EnteredNames.Should().EndWith(["log", "done", "delete", "root_done", "root_delete"]);
    }

    [Fact]
    public async Task DisposingAPlugin_FailsStreamsThatOutliveTheDrain()
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1);
        var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, script, c => c with { Limits = new PluginLimits { ShutdownTimeout = TimeSpan.FromMilliseconds(100) } });
        var filter = plugin.CreateHttpStream(new InMemoryHttpStream());
        var paused = filter.OnRequestHeadersAsync(endOfStream: true).AsTask();

        await plugin.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var outcome = await paused.WaitAsync(TimeSpan.FromSeconds(10));

        outcome.Kind.Should().Be(FilterOutcomeKind.LocalResponse);
        outcome.LocalResponse!.StatusCode.Should().Be(503);
        await filter.CompleteAsync();
    }

    [Fact]
    public async Task ZeroOneZeroModules_WithThreeParameterHeaderCallbacks_GetEndOfStream()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("probe_0_1_0_eos.wasm", new PluginConfiguration { Name = "probe", VmConfiguration = new ProbeScript().Build() });

        await new Exchange().RunAsync(plugin);

        host.ProbeLog().Entered.Should().Contain("request_headers 2 4 1").And.Contain("response_headers 2 1 1");
    }
}
