using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasi.FileSystem;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

/// <summary>
/// The WASI functions of one program as seen through one import module. Both modules
/// (<c>wasi_snapshot_preview1</c> and <c>wasi_unstable</c>) share the program's
/// <see cref="WasiContext"/>; <see cref="Version"/> selects the layouts that differ.
/// Every function returns an errno and never lets a host exception reach the guest, except
/// proc_exit's <see cref="WasiExitException"/>.
/// </summary>
internal sealed partial class WasiFunctions
{
    private readonly WasiContext _context;

    public WasiFunctions(WasiContext context, AbiVersion version)
    {
        _context = context;
        Version = version;
    }

    public AbiVersion Version { get; }

    private DescriptorTable Descriptors => _context.Descriptors;

    private WasiConfiguration Configuration => _context.Configuration;

    /// <summary>Whether a failure is one to report to the guest as an errno (everything else is a host bug and becomes a trap).</summary>
    private static bool IsReportable(Exception exception) =>
        exception is WasiErrorException || HostErrors.IsHostFileError(exception);

    private static int Fail(Exception exception) => (int)HostErrors.ToErrno(exception);

    private static GuestMemory MemoryOf(Caller caller) => new(caller.Memory);

    private static int Success => (int)Errno.Success;
}
