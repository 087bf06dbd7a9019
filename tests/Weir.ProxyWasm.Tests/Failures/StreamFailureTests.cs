using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Failures;

public sealed class StreamFailureTests
{
    private static ProbeScript BufferThenTrap(ProbeCallback body)
    {
        var script = new ProbeScript();
        script.On(body, result: 1, occurrence: 0);
        script.On(body, occurrence: 1).Trap();
        return script;
    }

    [Fact]
    public async Task FailOpen_WhileTheFilterHoldsBody_LetsTheHeldBytesThrough()
    {
        var (_, _, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, BufferThenTrap(ProbeCallback.ResponseBody),
            new Exchange { ResponseBody = ["held ", "then trapped ", "and after"] },
            c => c with { FailurePolicy = FailurePolicy.FailOpen });

        result.ClientStatus.Should().Be(200);
        result.Bypassed.Should().BeTrue();
        result.DownstreamResponseBodyText.Should().Be("held then trapped and after", "nothing the filter held is lost");
    }

    [Fact]
    public async Task FailClosed_AfterTheResponseStarted_ResetsTheStream()
    {
        var (_, _, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, BufferThenTrap(ProbeCallback.ResponseBody),
            new Exchange { ResponseBody = ["held ", "then trapped ", "and after"] });

        result.WasReset.Should().BeTrue("a 503 can no longer replace a response whose headers were sent");
        result.Failed.Should().BeTrue();
    }

    [Fact]
    public async Task FailClosed_InTheRequestBody_Answers503()
    {
        var (_, _, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, BufferThenTrap(ProbeCallback.RequestBody),
            new Exchange { Method = "POST", RequestBody = ["a", "b", "c"] });

        result.LocalResponse!.StatusCode.Should().Be(503);
        result.ReachedUpstream.Should().BeFalse();
    }

    [Fact]
    public async Task RequestBodyOverTheBufferLimit_Answers413()
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestBody, result: 1);

        var (host, _, result) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, script,
            new Exchange { Method = "POST", RequestBody = ["0123456789", "0123456789", "end"] },
            c => c with { Limits = c.Limits with { MaxBufferedBodyBytes = 15 } });

        result.LocalResponse!.StatusCode.Should().Be(413);
        result.LocalResponse.Details.Should().Be("request_payload_too_large");
        host.Logger.HostMessages.Should().Contain(message => message.Contains("more than 15 bytes of the request body"));
    }
}
