namespace Weir.ProxyWasm.Hosting;

/// <summary>The guest failed during a callback (trap, limit, proc_exit); the VM is dead and the failure has been logged and reported to the pool.</summary>
internal sealed class VmFailedException : Exception
{
    public VmFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VmFailedException(string message)
        : base(message)
    {
    }

    public VmFailedException()
        : this("the VM failed")
    {
    }
}
