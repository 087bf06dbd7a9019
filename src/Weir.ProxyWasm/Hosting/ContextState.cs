namespace Weir.ProxyWasm.Hosting;

/// <summary>A context the guest knows by id: the VM's root context or a stream context.</summary>
internal abstract class ContextState
{
    /// <summary>The guest's context id (0 until a stream context is created in the VM).</summary>
    public int Id { get; set; }
}
