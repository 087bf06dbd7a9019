using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Lifecycle;

public sealed class CallbackOrderTests
{
    [Theory]
    [InlineData(ProxyAbiVersion.V0_1_0)]
    [InlineData(ProxyAbiVersion.V0_2_0)]
    [InlineData(ProxyAbiVersion.V0_2_1)]
    public async Task Plugin_FullExchange_CallsBackInEnvoysOrder(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var plugin = host.CreateProbe(version, new ProbeScript());
        var exchange = new Exchange
        {
            Method = "POST",
            RequestBody = ["part one", "part two"],
            RequestTrailers = [new("x-checksum", "abc")],
            ResponseBody = ["answer"],
            ResponseTrailers = [new("grpc-status", "0")],
        };

        await exchange.RunAsync(plugin);
        await plugin.DisposeAsync();

        var eos = version == ProxyAbiVersion.V0_1_0 ? string.Empty : " 0";
        host.ProbeLog().Entered.Should().Equal(
            "root_context_create 1 0",
            $"vm_start 1 {plugin.Configuration.VmConfiguration.Length}",
            "configure 1 0",
            "stream_context_create 2 1",
            "request_headers 2 4" + eos,
            "request_body 2 8 0",
            "request_body 2 8 0",
            "request_trailers 2 1",
            "response_headers 2 1" + eos,
            "response_body 2 6 0",
            "response_trailers 2 1",
            "log 2",
            "done 2",
            "delete 2",
            "root_done 1",
            "root_delete 1");
    }
}
