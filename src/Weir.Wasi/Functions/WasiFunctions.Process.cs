using Weir.Wasi.Abi;

namespace Weir.Wasi.Functions;

// proc_exit, proc_raise, and the socket calls (no sockets are ever preopened).
internal sealed partial class WasiFunctions
{
    public void ProcExit(int exitCode)
    {
        _context.ExitCode = exitCode;
        throw new WasiExitException(exitCode);
    }

    /// <summary>Signals are not part of the sandbox; wasi-libc no longer imports this.</summary>
    public static int ProcRaise(int signal)
    {
        _ = signal;
        return (int)Errno.FunctionNotSupported;
    }

    public int SockAccept(int descriptor, int flags, int resultAddress)
    {
        _ = (flags, resultAddress);
        return NotASocket(descriptor);
    }

    public int SockReceive(int descriptor, int vectorsAddress, int vectorCount, int flags, int lengthAddress, int outputFlagsAddress)
    {
        _ = (vectorsAddress, vectorCount, flags, lengthAddress, outputFlagsAddress);
        return NotASocket(descriptor);
    }

    public int SockSend(int descriptor, int vectorsAddress, int vectorCount, int flags, int lengthAddress)
    {
        _ = (vectorsAddress, vectorCount, flags, lengthAddress);
        return NotASocket(descriptor);
    }

    public int SockShutdown(int descriptor, int how)
    {
        _ = how;
        return NotASocket(descriptor);
    }

    /// <summary>BADF for a descriptor that does not exist, NOTSOCK for one that is not a socket (none are).</summary>
    private int NotASocket(int descriptor) =>
        (int)(Descriptors.TryGet(descriptor, out _) ? Errno.NotSocket : Errno.BadDescriptor);
}
