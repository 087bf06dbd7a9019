using System.Text;
using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>proxy_http_call and its response (maps 6 and 7, buffer 4, proxy_get_status), and the gRPC functions.</summary>
public sealed class CalloutHostcallTests
{
    private static ProbeProgram Call(ProbeProgram program, ProbeScript script, string upstream, (string, string)[] headers, string body = "", int timeoutMilliseconds = 1000, int idSlot = 0)
    {
        var (name, nameSize) = script.Text(upstream);
        var (pairs, pairsSize) = script.Pairs(headers);
        var (bodyPointer, bodySize) = script.Text(body);
        var (trailers, trailersSize) = script.Pairs(("x-request-trailer", "rt"));
        return program.Call(Hostcall.HttpCall, name, nameSize, pairs, pairsSize, bodyPointer, bodySize, trailers, trailersSize, Immediate(timeoutMilliseconds), Out(idSlot));
    }

    private static readonly (string, string)[] ValidHeaders = [(":method", "POST"), (":path", "/check"), (":authority", "backend"), ("x-extra", "1")];

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HttpCall_SendsTheRequest_AndDeliversTheResponseToTheRoot(ProxyAbiVersion version)
    {
        var upstreams = new FakeUpstreams().Add("backend", _ => new HttpCalloutResponse(
            201, [new("x-answer", "yes")], Encoding.UTF8.GetBytes("pong"), [new("x-trailer", "tt")]));
        var script = new ProbeScript();
        var (status, statusSize) = script.Text(":status");
        var (trailer, trailerSize) = script.Text("x-trailer");
        var (header, headerSize) = script.Text("x-callout-body");
        Call(script.On(ProbeCallback.RequestHeaders, result: 1), script, "backend", ValidHeaders, "ping");
        script.On(ProbeCallback.HttpCallResponse)
            .Call(Hostcall.GetHeaderMapValue, Immediate(6), status, statusSize, Out(1), Out(2)).Dump(1, 2)
            .Call(Hostcall.GetBufferBytes, Immediate(4), Immediate(0), Immediate(uint.MaxValue), Out(3), Out(4)).Dump(3, 4)
            .Call(Hostcall.GetHeaderMapValue, Immediate(7), trailer, trailerSize, Out(1), Out(2)).Dump(1, 2)
            .Call(Hostcall.GetStatus, Out(5), Out(6), Out(7))
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .Call(Hostcall.AddHeaderMapValue, Immediate(0), header, headerSize, SlotValue(3), SlotValue(4))
            .ResumeRequest(version);

        var (host, log, result) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(upstreams));

        var call = log.Call(ProbeCallback.RequestHeaders, 0);
        call.Status.Should().Be(ProxyStatus.Ok, host.Logger.ToString());
        var sent = upstreams.Requests.Should().ContainSingle().Subject;
        (sent.Upstream, sent.Method, sent.Path, sent.Authority, sent.Find("x-extra")).Should().Be(("backend", "POST", "/check", "backend", "1"));
        Encoding.UTF8.GetString(sent.Body.Span).Should().Be("ping");
        sent.Trailers.Should().Equal([new KeyValuePair<string, string>("x-request-trailer", "rt")]);
        sent.Timeout.Should().Be(TimeSpan.FromSeconds(1));

        log.Entered.Should().Contain($"http_call_response 1 {call.Slot(0)} 2 4 1", "root id, call id, two headers (:status, x-answer), four body bytes, one trailer");
        log.DumpText(ProbeCallback.HttpCallResponse, 1).Should().Be("201");
        log.DumpText(ProbeCallback.HttpCallResponse, 3).Should().Be("pong");
        log.DumpText(ProbeCallback.HttpCallResponse, 5).Should().Be("tt");
        log.Call(ProbeCallback.HttpCallResponse, 6).Should().Match<ProbeCall>(c => c.Status == ProxyStatus.Ok && c.Slot(5) == 0);
        result.ReachedUpstream.Should().BeTrue();
        result.Stream.RequestHeaders.Get("x-callout-body").Should().Be("pong");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HttpCall_BadRequests_AreRefusedWithTheirStatuses(ProxyAbiVersion version)
    {
        var upstreams = new FakeUpstreams().Add("backend", _ => FakeUpstreams.Text(200, "unused"));
        var script = new ProbeScript();
        var program = script.On(ProbeCallback.RequestHeaders);
        Call(program, script, "nowhere", ValidHeaders);
        Call(program, script, "backend", [(":method", "GET"), (":authority", "backend")]);
        var (name, nameSize) = script.Text("backend");
        var (malformed, malformedSize) = script.Data([5, 0, 0, 0, 1]);
        program.Call(Hostcall.HttpCall, name, nameSize, malformed, malformedSize, Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Out(0));
        program.Call(Hostcall.HttpCall, BadPointer, Immediate(7), malformed, malformedSize, Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), Out(0));
        var (pairs, pairsSize) = script.Pairs(ValidHeaders);
        program.Call(Hostcall.HttpCall, name, nameSize, pairs, pairsSize, Immediate(0), Immediate(0), Immediate(0), Immediate(0), Immediate(0), BadPointer);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(upstreams));

        Enumerable.Range(0, 5).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().Equal(
            ProxyStatus.BadArgument, ProxyStatus.BadArgument, ProxyStatus.BadArgument, ProxyStatus.InvalidMemoryAccess, ProxyStatus.InvalidMemoryAccess);
        upstreams.Requests.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HttpCall_WithoutADispatcherOrWhenItFails_IsBadArgumentOrInternalFailure(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        Call(script.On(ProbeCallback.RequestHeaders), script, "backend", ValidHeaders);

        var (_, withoutDispatcher, _) = await ProbeRun.ExchangeAsync(version, script);
        var (_, broken, _) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(new ThrowingDispatcher()));

        withoutDispatcher.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.BadArgument);
        broken.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.InternalFailure);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HttpCall_FailedCall_ArrivesWithoutHeaders_AndGetStatusSaysReset(ProxyAbiVersion version)
    {
        var upstreams = new FakeUpstreams().Add("backend", (_, _) => ValueTask.FromException<HttpCalloutResponse>(new IOException("refused")));
        var script = new ProbeScript();
        Call(script.On(ProbeCallback.RequestHeaders, result: 1), script, "backend", ValidHeaders);
        script.On(ProbeCallback.HttpCallResponse)
            .Call(Hostcall.GetStatus, Out(5), Out(6), Out(7)).Dump(6, 7)
            .Call(Hostcall.GetHeaderMapPairs, Immediate(6), Out(1), Out(2))
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .ResumeRequest(version);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(upstreams));

        var id = log.Call(ProbeCallback.RequestHeaders, 0).Slot(0);
        log.Entered.Should().Contain($"http_call_response 1 {id} 0 0 0");
        log.Call(ProbeCallback.HttpCallResponse, 0).Slot(5).Should().Be((ulong)ProxyStatus.BrokenConnection);
        log.DumpText(ProbeCallback.HttpCallResponse, 1).Should().Be("reset");
        var emptyMap = HeaderPairs.ToArray([]);
        log.Call(ProbeCallback.HttpCallResponse, 2).Slot(2).Should().Be((ulong)emptyMap.Length);
        result.ReachedUpstream.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HttpCall_Timeout_IsEnforcedByTheHost(ProxyAbiVersion version)
    {
        var upstreams = new FakeUpstreams().Add("backend", async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return FakeUpstreams.Text(200, "late");
        });
        var script = new ProbeScript();
        Call(script.On(ProbeCallback.RequestHeaders, result: 1), script, "backend", ValidHeaders, timeoutMilliseconds: 50);
        script.On(ProbeCallback.HttpCallResponse)
            .Call(Hostcall.GetStatus, Out(5), Out(6), Out(7)).Dump(6, 7)
            .Call(Hostcall.SetEffectiveContext, StreamContext)
            .ResumeRequest(version);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(upstreams));

        log.DumpText(ProbeCallback.HttpCallResponse, 1).Should().Be("timeout");
        result.ReachedUpstream.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task HttpCall_IdsAreDistinct(ProxyAbiVersion version)
    {
        var upstreams = new FakeUpstreams().Add("backend", _ => FakeUpstreams.Text(200, "x"));
        var script = new ProbeScript();
        var program = script.On(ProbeCallback.RequestHeaders);
        Call(program, script, "backend", ValidHeaders, idSlot: 0);
        Call(program, script, "backend", ValidHeaders, idSlot: 1);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(upstreams));

        var first = log.Call(ProbeCallback.RequestHeaders, 0).Slot(0);
        var second = log.Call(ProbeCallback.RequestHeaders, 1).Slot(1);
        first.Should().NotBe(0);
        second.Should().NotBe(first);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GrpcCallouts_AreUnimplemented_WithALogLine(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (text, size) = script.Text("svc");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GrpcCall, text, size, text, size, text, size, Immediate(0), Immediate(0), text, size, Immediate(100), Out(0))
            .Call(Hostcall.GrpcStream, text, size, text, size, text, size, Immediate(0), Immediate(0), Out(0))
            .Call(Hostcall.GrpcSend, Immediate(2), text, size, Immediate(1))
            .Call(Hostcall.GrpcCancel, Immediate(1))
            .Call(Hostcall.GrpcClose, Immediate(1))
            .Call(Hostcall.GrpcCall, BadPointer, size, text, size, text, size, Immediate(0), Immediate(0), text, size, Immediate(100), Out(0));

        var (host, log, _) = await ProbeRun.ExchangeAsync(version, script);

        Enumerable.Range(0, 6).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().Equal(
            ProxyStatus.Unimplemented, ProxyStatus.Unimplemented, ProxyStatus.NotFound, ProxyStatus.NotFound, ProxyStatus.NotFound, ProxyStatus.InvalidMemoryAccess);
        host.Logger.Entries.Should().Contain(entry => entry.FromHost && entry.Level == ProxyLogLevel.Warn && entry.Message.Contains("gRPC callouts are not supported"));
    }

    private sealed class ThrowingDispatcher : IHttpCalloutDispatcher
    {
        public bool IsKnownUpstream(string upstream) => throw new InvalidOperationException("cluster table is being rebuilt");

        public ValueTask<HttpCalloutResponse> SendAsync(HttpCalloutRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
