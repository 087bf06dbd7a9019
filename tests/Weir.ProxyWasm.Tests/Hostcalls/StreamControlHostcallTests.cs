using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>Continue and close (0.2.x), continue_request/response and clear_route_cache (0.1.0), local responses, get_status.</summary>
public sealed class StreamControlHostcallTests
{
    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task PausedRequest_ResumedFromAnotherCallback_ReachesTheUpstream(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        script.On(ProbeCallback.Tick, occurrence: 0)
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .ResumeRequest(version)
            .Call(Hostcall.SetTickPeriodMilliseconds, Immediate(0));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        result.ReachedUpstream.Should().BeTrue();
        log.Status(ProbeCallback.Tick, 1).Should().Be(ProxyStatus.Ok);
        log.EnteredNames.Should().ContainInOrder("request_headers", "tick", "response_headers");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task ResumeInsideTheCallbackThatPauses_Continues(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders, result: 1).ResumeRequest(version);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        result.ReachedUpstream.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AbiVersions.ZeroTwo), MemberType = typeof(AbiVersions))]
    public async Task ContinueAndCloseStream_BadTypesTcpTypesAndRootContexts_ReturnTheirStatuses(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.ContinueStream, Immediate(4))
            .Call(Hostcall.ContinueStream, Immediate(2))
            .Call(Hostcall.ContinueStream, Immediate(3))
            .Call(Hostcall.CloseStream, Immediate(7))
            .Call(Hostcall.CloseStream, Immediate(3));
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.ContinueStream, Immediate(0))
            .Call(Hostcall.CloseStream, Immediate(0));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        Enumerable.Range(0, 5).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().Equal(
            ProxyStatus.BadArgument, ProxyStatus.Unimplemented, ProxyStatus.Unimplemented, ProxyStatus.BadArgument, ProxyStatus.Unimplemented);
        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.NotFound);
        log.Status(ProbeCallback.Configure, 1).Should().Be(ProxyStatus.NotFound);
        result.ReachedUpstream.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AbiVersions.ZeroTwo), MemberType = typeof(AbiVersions))]
    public async Task CloseStream_ResetsTheExchange(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Call(Hostcall.CloseStream, Immediate(0));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        result.WasReset.Should().BeTrue();
        result.ReachedUpstream.Should().BeFalse();
        log.EnteredNames.Should().ContainInOrder("request_headers", "log", "done", "delete");
    }

    [Fact]
    public async Task ContinueResponse_Abi010_ResumesAPausedResponse()
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.ResponseHeaders, result: 1).Call(Hostcall.SetTickPeriodMilliseconds, Immediate(5));
        script.On(ProbeCallback.Tick, occurrence: 0)
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .Call(Hostcall.ContinueResponse)
            .Call(Hostcall.SetTickPeriodMilliseconds, Immediate(0));

        var (_, log, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_1_0, script, new Exchange { ResponseBody = ["done"] });

        log.Status(ProbeCallback.Tick, 1).Should().Be(ProxyStatus.Ok);
        result.DownstreamResponseBodyText.Should().Be("done");
        log.EnteredNames.Should().ContainInOrder("response_headers", "tick", "response_body");
    }

    [Fact]
    public async Task ClearRouteCache_Abi010_TellsTheServer()
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Call(Hostcall.ClearRouteCache);
        script.On(ProbeCallback.Configure).Call(Hostcall.ClearRouteCache);

        var (_, log, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_1_0, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.NotFound);
        result.Stream.RouteCacheClears.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SendLocalResponse_AnswersInsteadOfTheUpstream(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (details, detailsSize) = script.Text("i am a teapot");
        var (body, bodySize) = script.Text("short and stout");
        var (headers, headersSize) = script.Pairs(("x-tea", "earl grey"));
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SendLocalResponse, Immediate(418), details, detailsSize, body, bodySize, headers, headersSize, Immediate(-1));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        result.ReachedUpstream.Should().BeFalse();
        var response = result.LocalResponse!;
        response.StatusCode.Should().Be(418);
        response.Details.Should().Be("i_am_a_teapot");
        response.BodyText.Should().Be("short and stout");
        response.Headers.Should().Equal([new KeyValuePair<string, string>("x-tea", "earl grey")]);
        response.GrpcStatus.Should().BeNull();
        log.EnteredNames.Should().ContainInOrder("request_headers", "log", "done", "delete");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SendLocalResponse_WithAGrpcStatus_AndWithoutDetailsOrBody(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SendLocalResponse, Immediate(200), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(14));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        result.LocalResponse!.GrpcStatus.Should().Be(14);
        result.LocalResponse.Body.Length.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SendLocalResponse_BadArgumentsPointersOrNoStream_ReturnTheirStatuses(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (malformed, malformedSize) = script.Data([9, 0, 0, 0]);
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SendLocalResponse, Immediate(403), BadPointer, Immediate(2), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(-1))
            .Call(Hostcall.SendLocalResponse, Immediate(403), Immediate(0), Immediate(0), Immediate(0), Immediate(0), malformed, malformedSize, Immediate(-1))
            .Call(Hostcall.SendLocalResponse, Immediate(42), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(-1));
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.SendLocalResponse, Immediate(403), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(-1));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.NotFound);
        result.ReachedUpstream.Should().BeTrue("no local response was accepted");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SendLocalResponse_BeforeTheResponseStarted_ReplacesIt_AfterwardsResets(ProxyAbiVersion version)
    {
        var replaces = new ProbeScript();
        replaces.On(ProbeCallback.ResponseHeaders)
            .Call(Hostcall.SendLocalResponse, Immediate(502), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(-1));
        var resets = new ProbeScript();
        resets.On(ProbeCallback.ResponseBody)
            .Call(Hostcall.SendLocalResponse, Immediate(502), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(-1));
        var exchange = new Exchange { ResponseBody = ["upstream answer"] };

        var (_, _, replaced) = await ProbeRun.ExchangeAsync(version, replaces, exchange);
        var (_, _, reset) = await ProbeRun.ExchangeAsync(version, resets, exchange);

        replaced.ClientStatus.Should().Be(502);
        replaced.DownstreamResponseBodyText.Should().BeEmpty();
        reset.WasReset.Should().BeTrue("the response headers had already gone to the client");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetStatus_OutsideACalloutResponse_IsNotFound(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders).Call(Hostcall.GetStatus, Out(0), Out(1), Out(2));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound);
    }
}
