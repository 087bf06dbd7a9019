namespace Weir.ProxyWasm.Hosting;

/// <summary>Where a VM is in its life.</summary>
internal enum VmState
{
    Starting,
    Running,
    Failed,
    Stopped,
}
