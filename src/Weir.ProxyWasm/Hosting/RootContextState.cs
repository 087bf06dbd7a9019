namespace Weir.ProxyWasm.Hosting;

/// <summary>The root (plugin) context of a VM.</summary>
internal sealed class RootContextState : ContextState
{
    public RootContextState(int id)
    {
        Id = id;
    }

    /// <summary>Its <c>proxy_on_done</c> returned 0 at shutdown: it is waiting for the guest's <c>proxy_done</c>.</summary>
    public bool AwaitingDone { get; set; }

    /// <summary>Completes when <c>proxy_on_delete</c> has run for it.</summary>
    public TaskCompletionSource Deleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
