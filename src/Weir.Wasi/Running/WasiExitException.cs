using Weir.Wasm;

namespace Weir.Wasi;

/// <summary>
/// Thrown by proc_exit to unwind the guest: not a trap, but the program ending with
/// <see cref="ExitCode"/>. The runtime hands it to the host wrapped in a
/// <see cref="WasmTrapException"/> (code <see cref="TrapCode.HostError"/>); <see cref="Find"/>
/// unwraps it.
/// </summary>
public sealed class WasiExitException : Exception
{
    /// <summary>Creates the exception for an exit code.</summary>
    public WasiExitException(int exitCode)
        : base($"the WASI program exited with code {exitCode}")
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception for exit code 0.</summary>
    public WasiExitException()
        : this(0)
    {
    }

    /// <summary>Creates the exception with a message (exit code 0).</summary>
    public WasiExitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (exit code 0).</summary>
    public WasiExitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The code the program passed to proc_exit (a u32 in WASI, reinterpreted as int).</summary>
    public int ExitCode { get; }

    /// <summary>The exit request inside <paramref name="exception"/> or its inner exceptions, or null when the guest did not exit.</summary>
    public static WasiExitException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is WasiExitException exit)
            {
                return exit;
            }
        }

        return null;
    }
}
