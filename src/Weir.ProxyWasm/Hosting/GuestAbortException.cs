namespace Weir.ProxyWasm.Hosting;

/// <summary>Thrown by <c>env.abort</c> (AssemblyScript's abort without <c>--use abort=…</c>) to trap the guest.</summary>
internal sealed class GuestAbortException : Exception
{
    public GuestAbortException(string message)
        : base(message)
    {
    }

    public GuestAbortException()
        : this("the guest aborted")
    {
    }

    public GuestAbortException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
