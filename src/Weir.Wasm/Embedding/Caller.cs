using Weir.Wasm.Execution;

namespace Weir.Wasm;

/// <summary>What a host function knows of the instance that called it.</summary>
public readonly struct Caller
{
    private readonly InstanceContext _context;

    internal Caller(InstanceContext context)
    {
        _context = context;
    }

    /// <summary>The store the call runs in.</summary>
    public Store Store => _context.Store;

    /// <summary>The calling instance's first memory (imported or defined), or null.</summary>
    public Memory? Memory => _context.Memory0;

    /// <summary>The calling instance (null while its start function or segments are still being set up and it has not been created yet).</summary>
    public Instance? Instance => _context.Instance;

    /// <summary>An export of the calling instance, or null.</summary>
    public Extern? GetExport(string name) => _context.Instance?.GetExport(name);
}
