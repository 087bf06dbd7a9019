using System.Text;
using Weir.ProxyWasm.Tests.Probe;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>Plugin and VM configuration: proxy_get_configuration (0.1.0) and buffers 6 and 7 (0.2.x).</summary>
public sealed class ConfigurationHostcallTests
{
    [Fact]
    public async Task GetConfiguration_Abi010_ReturnsVmConfigurationInVmStart_PluginConfigurationInConfigure()
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.VmStart).Call(Hostcall.GetConfiguration, Out(0), Out(1));
        script.On(ProbeCallback.Configure).Call(Hostcall.GetConfiguration, Out(0), Out(1)).Dump(0, 1);
        script.On(ProbeCallback.RequestHeaders).Call(Hostcall.GetConfiguration, Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_1_0, script, configure: c => c with { ConfigurationText = "plugin settings" });

        var vmStart = log.Call(ProbeCallback.VmStart, 0);
        vmStart.Status.Should().Be(ProxyStatus.Ok);
        vmStart.Slot(1).Should().Be((ulong)script.Build().Length, "the VM configuration is the probe's own script");
        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.Ok);
        log.DumpText(ProbeCallback.Configure, 1).Should().Be("plugin settings");
        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound, "the configuration exists only in vm_start and configure");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.ZeroTwo), MemberType = typeof(AbiVersions))]
    public async Task ConfigurationBuffers_Abi02x_ExistOnlyInTheirCallbacks(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.VmStart)
            .Call(Hostcall.GetBufferBytes, Immediate(6), Immediate(0), Immediate(4), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetBufferBytes, Immediate(7), Immediate(0), Immediate(100), Out(0), Out(1));
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.GetBufferBytes, Immediate(7), Immediate(0), Immediate(uint.MaxValue), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetBufferBytes, Immediate(7), Immediate(7), Immediate(4), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetBufferBytes, Immediate(6), Immediate(0), Immediate(100), Out(0), Out(1))
            .Call(Hostcall.GetBufferStatus, Immediate(7), Out(2), Out(3));
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetBufferBytes, Immediate(7), Immediate(0), Immediate(100), Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, configure: c => c with { ConfigurationText = "{\"header\":\"x\"}" });

        log.Dump(ProbeCallback.VmStart, 1).Should().Equal("PRB1"u8.ToArray());
        log.Status(ProbeCallback.VmStart, 2).Should().Be(ProxyStatus.NotFound);
        log.DumpText(ProbeCallback.Configure, 1).Should().Be("{\"header\":\"x\"}");
        log.DumpText(ProbeCallback.Configure, 3).Should().Be("r\":\"");
        log.Status(ProbeCallback.Configure, 4).Should().Be(ProxyStatus.NotFound);
        log.Call(ProbeCallback.Configure, 5).SlotUInt32(2).Should().Be(14);
        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound);
    }

    [Theory]
    [InlineData(ProxyAbiVersion.V0_1_0)]
    [InlineData(ProxyAbiVersion.V0_2_0)]
    public async Task EmptyConfiguration_WithAMallocAllocator_ComesBackAsARealPointer(ProxyAbiVersion version)
    {
        // AssemblyScript 0.1.8 turns the returned pointer straight into an ArrayBuffer and traps on 0.
        var script = new ProbeScript();
        script.On(ProbeCallback.Configure).ReadPluginConfiguration(version, 0, 1);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        var call = log.Call(ProbeCallback.Configure, 0);
        call.Status.Should().Be(ProxyStatus.Ok);
        call.Slot(0).Should().NotBe(0);
        call.Slot(1).Should().Be(0);
    }

    [Fact]
    public async Task EmptyConfiguration_WithAnSdkAllocator_ComesBackAsNull()
    {
        // The 0.2.1 probe exports proxy_on_memory_allocate, which SDKs (Go) do not expect to get 0.
        var script = new ProbeScript();
        script.On(ProbeCallback.Configure).ReadPluginConfiguration(ProxyAbiVersion.V0_2_1, 0, 1);

        var (_, log, _) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, script);

        var call = log.Call(ProbeCallback.Configure, 0);
        call.Status.Should().Be(ProxyStatus.Ok);
        call.Slot(0).Should().Be(0);
        call.Slot(1).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task ReadingConfiguration_IntoOutOfBoundsPointers_IsInvalidMemoryAccess(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var program = script.On(ProbeCallback.Configure);
        if (version == ProxyAbiVersion.V0_1_0)
        {
            program.Call(Hostcall.GetConfiguration, BadPointer, Out(1)).Call(Hostcall.GetConfiguration, Out(0), BadPointer);
        }
        else
        {
            program.Call(Hostcall.GetBufferBytes, Immediate(7), Immediate(0), Immediate(10), BadPointer, Out(1))
                .Call(Hostcall.GetBufferBytes, Immediate(7), Immediate(0), Immediate(10), Out(0), BadPointer);
        }

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, configure: c => c with { ConfigurationText = "abc" });

        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.Configure, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
    }

    [Fact]
    public async Task ConfigurationText_RoundTripsAsUtf8()
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.Configure).ReadPluginConfiguration(ProxyAbiVersion.V0_2_1, 0, 1).Dump(0, 1);

        var (_, log, _) = await ProbeRun.ExchangeAsync(ProxyAbiVersion.V0_2_1, script, configure: c => c with { ConfigurationText = "grüße" });

        Encoding.UTF8.GetString(log.Dump(ProbeCallback.Configure, 1)).Should().Be("grüße");
    }
}
