using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Probe;

public sealed class ProbeSmokeTests
{
    [Theory]
    [InlineData(ProxyAbiVersion.V0_1_0)]
    [InlineData(ProxyAbiVersion.V0_2_0)]
    [InlineData(ProxyAbiVersion.V0_2_1)]
    public async Task Probe_LogCalls_ReportStatuses(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        var (pointer, size) = script.Text("hello from the probe");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.Log, Immediate(2), pointer, size)
            .Call(Hostcall.Log, Immediate(6), pointer, size)
            .Call(Hostcall.Log, Immediate(2), BadPointer, Immediate(5));
        await using var plugin = host.CreateProbe(version, script);

        await new Exchange().RunAsync(plugin);

        var log = host.ProbeLog();
        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok, host.Logger.ToString());
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.InvalidMemoryAccess);
        host.Logger.Messages.Should().Contain("hello from the probe");
    }
}
