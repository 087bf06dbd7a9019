namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>Theory data: the ABI versions the probe is built for.</summary>
public static class AbiVersions
{
    public static TheoryData<ProxyAbiVersion> All => new() { ProxyAbiVersion.V0_1_0, ProxyAbiVersion.V0_2_0, ProxyAbiVersion.V0_2_1 };

    public static TheoryData<ProxyAbiVersion> ZeroTwo => new() { ProxyAbiVersion.V0_2_0, ProxyAbiVersion.V0_2_1 };
}
