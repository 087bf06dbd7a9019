using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>proxy_get_buffer_bytes, proxy_set_buffer_bytes, proxy_get_buffer_status on request and response bodies.</summary>
public sealed class BufferHostcallTests
{
    private static readonly Exchange Post = new() { Method = "POST", RequestBody = ["hello body"], ResponseBody = ["response"] };

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetBufferBytes_RequestBody_ReadsAllOrAWindow(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestBody)
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(0), Immediate(uint.MaxValue), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(6), Immediate(2), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(50), Immediate(2), Out(0), Out(1));
        script.On(ProbeCallback.ResponseBody)
            .Call(Hostcall.GetBufferBytes, Immediate(1), Immediate(0), Immediate(uint.MaxValue), Out(0), Out(1)).Dump(0, 1);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, Post);

        log.DumpText(ProbeCallback.RequestBody, 1).Should().Be("hello body");
        log.DumpText(ProbeCallback.RequestBody, 3).Should().Be("bo");
        log.Call(ProbeCallback.RequestBody, 4).Should().Match<ProbeCall>(call => call.Status == ProxyStatus.Ok && call.Slot(1) == 0, "a start past the end reads nothing");
        log.DumpText(ProbeCallback.ResponseBody, 1).Should().Be("response");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetBufferBytes_BadTypeMissingBufferOrPointer_ReturnTheirStatuses(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(0), Immediate(10), Out(0), Out(1))
            .Call(Hostcall.GetBufferBytes, Immediate(4), Immediate(0), Immediate(10), Out(0), Out(1))
            .Call(Hostcall.GetBufferBytes, Immediate(2), Immediate(0), Immediate(10), Out(0), Out(1));
        script.On(ProbeCallback.RequestBody)
            .Call(Hostcall.GetBufferBytes, Immediate(9), Immediate(0), Immediate(10), Out(0), Out(1))
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(0), Immediate(10), BadPointer, Out(1))
            .Call(Hostcall.GetBufferBytes, Immediate(0), Immediate(0), Immediate(10), Out(0), BadPointer);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, Post);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound, "the body has not arrived yet");
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.NotFound, "there is no callout response");
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.NotFound, "HTTP streams have no TCP data");
        log.Status(ProbeCallback.RequestBody, 0).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestBody, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.RequestBody, 2).Should().Be(ProxyStatus.InvalidMemoryAccess);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetBufferBytes_PrependAppendSpliceAndReplace_ChangeWhatIsForwarded(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (open, openSize) = script.Text("<");
        var (close, closeSize) = script.Text(">");
        var (star, starSize) = script.Text("*");
        var (all, allSize) = script.Text("replaced");
        script.On(ProbeCallback.RequestBody)
            .Call(Hostcall.SetBufferBytes, Immediate(0), Immediate(0), Immediate(0), open, openSize)
            .Call(Hostcall.SetBufferBytes, Immediate(0), Immediate(uint.MaxValue), Immediate(0), close, closeSize)
            .Call(Hostcall.SetBufferBytes, Immediate(0), Immediate(6), Immediate(1), star, starSize);
        script.On(ProbeCallback.ResponseBody)
            .Call(Hostcall.SetBufferBytes, Immediate(1), Immediate(0), Immediate(uint.MaxValue), all, allSize);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, Post);

        log.Calls.Where(call => call.Function == Hostcall.SetBufferBytes).Should().OnlyContain(call => call.Status == ProxyStatus.Ok);
        result.UpstreamRequestBodyText.Should().Be("<hello*body>");
        result.DownstreamResponseBodyText.Should().Be("replaced");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetBufferBytes_ReadOnlyMissingBadTypeOrPointer_ReturnTheirStatuses(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (value, valueSize) = script.Text("v");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetBufferBytes, Immediate(0), Immediate(0), Immediate(0), value, valueSize);
        script.On(ProbeCallback.RequestBody)
            .Call(Hostcall.SetBufferBytes, Immediate(9), Immediate(0), Immediate(0), value, valueSize)
            .Call(Hostcall.SetBufferBytes, Immediate(0), Immediate(0), Immediate(0), BadPointer, Immediate(1));
        script.On(ProbeCallback.VmStart)
            .Call(Hostcall.SetBufferBytes, Immediate(6), Immediate(0), Immediate(0), value, valueSize);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, Post);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound);
        log.Status(ProbeCallback.RequestBody, 0).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestBody, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.VmStart, 0).Should().Be(ProxyStatus.BadArgument, "configuration buffers are read-only");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetBufferStatus_ReportsSizeAndEndOfStream(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestBody)
            .Call(Hostcall.GetBufferStatus, Immediate(0), Out(0), Out(1))
            .Call(Hostcall.GetBufferStatus, Immediate(0), BadPointer, Out(1))
            .Call(Hostcall.GetBufferStatus, Immediate(9), Out(0), Out(1))
            .Call(Hostcall.GetBufferStatus, Immediate(1), Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, new Exchange { Method = "PUT", RequestBody = ["12345", "678"] });

        var calls = log.CallsAt(ProbeCallback.RequestBody, 0);
        calls.Select(call => (call.Slot(0), call.Slot(1))).Should().Equal([(5UL, 0UL), (3UL, 1UL)], "the flag's bit 0 marks the end of the stream");
        log.Status(ProbeCallback.RequestBody, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.RequestBody, 2).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestBody, 3).Should().Be(ProxyStatus.NotFound, "the response body has not started");
    }
}
