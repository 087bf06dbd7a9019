using System.Text;
using Weir.ProxyWasm.Tests.Hostcalls;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Lifecycle;

public sealed class PauseResumeTests
{
    private static ProbeScript ResumeOnFirstTick(ProxyAbiVersion version, Action<ProbeScript> pause)
    {
        var script = new ProbeScript();
        pause(script);
        script.On(ProbeCallback.Tick, occurrence: 0)
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .ResumeRequest(version)
            .Call(Hostcall.SetTickPeriodMilliseconds, Immediate(0));
        return script;
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task BodyPausedBeforeItsEnd_IsBuffered_AndTheFilterSeesItGrow(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestBody, result: 1, occurrence: 0);
        script.On(ProbeCallback.RequestBody, result: 1, occurrence: 1);
        script.On(ProbeCallback.RequestBody)
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(0), Immediate(uint.MaxValue), Out(0), Out(1)).Dump(0, 1);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, new Exchange { Method = "POST", RequestBody = ["aaa", "bb", "c"] });

        log.Entered.Where(entry => entry.StartsWith("request_body", StringComparison.Ordinal)).Should().Equal("request_body 2 3 0", "request_body 2 5 0", "request_body 2 6 1");
        log.DumpText(ProbeCallback.RequestBody, 1).Should().Be("aaabbc");
        result.Outcomes.Skip(1).Take(3).Select(outcome => outcome.Kind).Should().Equal(FilterOutcomeKind.Buffering, FilterOutcomeKind.Buffering, FilterOutcomeKind.Continue);
        result.UpstreamRequestBodyText.Should().Be("aaabbc");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task BodyPausedAtItsEnd_WaitsForTheResume(ProxyAbiVersion version)
    {
        var script = ResumeOnFirstTick(version, s => s.On(ProbeCallback.RequestBody, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5)));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, new Exchange { Method = "POST", RequestBody = ["complete body"] });

        log.EnteredNames.Should().ContainInOrder("request_body", "tick", "response_headers");
        result.UpstreamRequestBodyText.Should().Be("complete body");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HeadersPaused_NoBodyCallbackRunsUntilTheResume(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = ResumeOnFirstTick(version, s => s.On(ProbeCallback.RequestHeaders, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(50)));
        await using var plugin = host.CreateProbe(version, script);
        var stream = new InMemoryHttpStream("POST");
        await using var filter = plugin.CreateHttpStream(stream);

        var outcome = await filter.OnRequestHeadersAsync(endOfStream: false).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        host.ProbeLog().EnteredNames.Should().Contain("tick", "the headers' outcome waited for the resume");
        var body = await filter.OnRequestBodyAsync("data"u8.ToArray(), endOfStream: true);

        outcome.Kind.Should().Be(FilterOutcomeKind.Continue);
        Encoding.UTF8.GetString(body.Body.Span).Should().Be("data");
        host.ProbeLog().EnteredNames.Should().ContainInOrder("request_headers", "tick", "request_body");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task TrailersPaused_HoldTheBufferedBody_UntilTheResume(ProxyAbiVersion version)
    {
        var script = ResumeOnFirstTick(version, s =>
        {
            s.On(ProbeCallback.RequestBody, result: 1);
            s.On(ProbeCallback.RequestTrailers, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        });

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, new Exchange { Method = "POST", RequestBody = ["one", "two"], RequestTrailers = [new("x-t", "1")] });

        result.Outcomes.Skip(1).Select(outcome => (outcome.Kind, Encoding.UTF8.GetString(outcome.Body.Span))).Should().Equal(
            (FilterOutcomeKind.Buffering, string.Empty), (FilterOutcomeKind.Buffering, string.Empty), (FilterOutcomeKind.Continue, "onetwo"), (FilterOutcomeKind.Continue, string.Empty));
        log.EnteredNames.Should().ContainInOrder("request_trailers", "tick", "response_headers");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task ResumedWhileBuffering_ReleasesTheHeldBytesWithTheNextChunk(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = ResumeOnFirstTick(version, s => s.On(ProbeCallback.RequestBody, result: 1, occurrence: 0).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5)));
        await using var plugin = host.CreateProbe(version, script);
        await using var filter = plugin.CreateHttpStream(new InMemoryHttpStream("POST"));

        await filter.OnRequestHeadersAsync(endOfStream: false);
        var first = await filter.OnRequestBodyAsync("first-"u8.ToArray(), endOfStream: false);
        await ContextHostcallTests.WaitForAsync(() => host.ProbeLog().EnteredNames.Contains("tick"));
        var second = await filter.OnRequestBodyAsync("second"u8.ToArray(), endOfStream: true);

        first.Kind.Should().Be(FilterOutcomeKind.Buffering);
        second.Kind.Should().Be(FilterOutcomeKind.Continue);
        Encoding.UTF8.GetString(second.Body.Span).Should().Be("first-second");
        host.ProbeLog().Entered.Where(entry => entry.StartsWith("request_body", StringComparison.Ordinal)).Should().Equal(
            "request_body 2 6 0", "request_body 2 6 1");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task PausedStream_AnsweredFromAnotherCallback_GetsTheLocalResponse(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        script.On(ProbeCallback.Tick, occurrence: 0)
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .Call(Hostcall.SendLocalResponse, Immediate(429), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(-1))
            .Call(Hostcall.SetTickPeriodMilliseconds, Immediate(0));

        var (_, _, result) = await ProbeRun.ExchangeAsync(version, script);

        result.LocalResponse!.StatusCode.Should().Be(429);
        result.ReachedUpstream.Should().BeFalse();
    }

    [Theory]
    [InlineData(FailurePolicy.FailClosed, 503, false)]
    [InlineData(FailurePolicy.FailOpen, 200, true)]
    public async Task PausedStream_WhoseVmFails_GetsTheFailurePolicy(FailurePolicy policy, int status, bool reachesUpstream)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        script.On(ProbeCallback.Tick).Trap();

        var (_, _, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, script, configure: c => c with { FailurePolicy = policy });

        result.ClientStatus.Should().Be(status);
        result.ReachedUpstream.Should().Be(reachesUpstream);
    }

    [Fact]
    public async Task PausedStream_CancelledByTheServer_ThrowsAndStillEnds()
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1);
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, script);
        var filter = plugin.CreateHttpStream(new InMemoryHttpStream());
        using var cancellation = new CancellationTokenSource();

        var paused = filter.OnRequestHeadersAsync(endOfStream: true, cancellation.Token).AsTask();
        await ContextHostcallTests.WaitForAsync(() => host.ProbeLog().EnteredNames.Contains("request_headers"));
        await cancellation.CancelAsync();

        await paused.Awaiting(task => task).Should().ThrowAsync<OperationCanceledException>();
        await filter.CompleteAsync();
        host.ProbeLog().EnteredNames.Should().EndWith(["request_headers", "log", "done", "delete"]);
    }

    [Fact]
    public async Task StreamThatNoEventReached_IsStillLogged()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, new ProbeScript());

        await plugin.CreateHttpStream(new InMemoryHttpStream()).CompleteAsync();

        host.ProbeLog().EnteredNames.Should().EndWith(["stream_context_create", "log", "done", "delete"]);
    }

    [Fact]
    public async Task FilterStream_UsedAfterCompletion_Throws()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_2_1, new ProbeScript());
        var filter = plugin.CreateHttpStream(new InMemoryHttpStream());
        await filter.CompleteAsync();

        var use = async () => await filter.OnRequestHeadersAsync(endOfStream: true);

        await use.Should().ThrowAsync<InvalidOperationException>().WithMessage("the filter stream has completed");
    }
}
