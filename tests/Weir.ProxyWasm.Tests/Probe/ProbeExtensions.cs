using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Probe;

internal static class ProbeExtensions
{
    /// <summary>A plugin running the probe built for <paramref name="version"/> with <paramref name="script"/> as its VM configuration.</summary>
    public static Plugin CreateProbe(this TestRuntime host, ProxyAbiVersion version, ProbeScript script, Func<PluginConfiguration, PluginConfiguration>? configure = null)
    {
        var configuration = new PluginConfiguration
        {
            Name = "probe",
            RootId = "probe",
            VmId = "probe-vm",
            VmConfiguration = script.Build(),
            Limits = new PluginLimits { MaxVms = 1 },
        };
        return host.CreatePlugin(Filters.Probe(version), configure is null ? configuration : configure(configuration));
    }

    public static ProbeLog ProbeLog(this TestRuntime host) => new(host.Logger.Messages);
}
