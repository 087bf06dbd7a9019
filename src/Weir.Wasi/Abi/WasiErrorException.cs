namespace Weir.Wasi.Abi;

/// <summary>
/// Ends a WASI call early with an errno. Thrown only on failure paths (never on the success path of
/// hot calls) and always caught at the host-function boundary, so it never reaches the guest.
/// </summary>
internal sealed class WasiErrorException : Exception
{
    public WasiErrorException(Errno errno)
        : base($"WASI errno {errno}")
    {
        Errno = errno;
    }

    public WasiErrorException()
        : this(Errno.InputOutput)
    {
    }

    public WasiErrorException(string message)
        : base(message)
    {
        Errno = Errno.InputOutput;
    }

    public WasiErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errno = Errno.InputOutput;
    }

    public Errno Errno { get; }
}
