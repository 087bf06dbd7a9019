using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>Runs one exchange through the probe and shuts the plugin down, returning what it logged.</summary>
internal static class ProbeRun
{
    public static async Task<(TestRuntime Host, ProbeLog Log, ExchangeResult Result)> ExchangeAsync(
        ProxyAbiVersion version,
        ProbeScript script,
        Exchange? exchange = null,
        Func<PluginConfiguration, PluginConfiguration>? configure = null,
        TestRuntime? host = null)
    {
        host ??= new TestRuntime();
        var plugin = host.CreateProbe(version, script, configure);
        ExchangeResult result;
        try
        {
            result = await (exchange ?? new Exchange()).RunAsync(plugin).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await plugin.DisposeAsync();
        }

        return (host, host.ProbeLog(), result);
    }

    /// <summary>Resumes the request the way the ABI version spells it.</summary>
    public static ProbeProgram ResumeRequest(this ProbeProgram program, ProxyAbiVersion version) =>
        version == ProxyAbiVersion.V0_1_0
            ? program.Call(Hostcall.ContinueRequest)
            : program.Call(Hostcall.ContinueStream, ProbeArgument.Immediate(0));

    /// <summary>Reads the plugin configuration the way the ABI version spells it (inside proxy_on_configure).</summary>
    public static ProbeProgram ReadPluginConfiguration(this ProbeProgram program, ProxyAbiVersion version, int pointerSlot, int sizeSlot) =>
        version == ProxyAbiVersion.V0_1_0
            ? program.Call(Hostcall.GetConfiguration, ProbeArgument.Out(pointerSlot), ProbeArgument.Out(sizeSlot))
            : program.Call(Hostcall.GetBufferBytes, ProbeArgument.Immediate(7), ProbeArgument.Immediate(0), ProbeArgument.Immediate(uint.MaxValue), ProbeArgument.Out(pointerSlot), ProbeArgument.Out(sizeSlot));
}
