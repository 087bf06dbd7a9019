using Weir.Wasi.Abi;

namespace Weir.Wasi.FileSystem;

/// <summary>Linux errno numbers (shared by x86-64 and arm64) translated to WASI's.</summary>
internal static class LinuxErrno
{
    public const int NoEntry = 2;
    public const int NotDirectory = 20;

    public static Errno ToWasi(int errno) => errno switch
    {
        1 => Errno.NotPermitted,
        2 => Errno.NoEntry,
        4 => Errno.Interrupted,
        5 => Errno.InputOutput,
        6 => Errno.NoSuchDeviceOrAddress,
        7 => Errno.ArgumentListTooLong,
        9 => Errno.BadDescriptor,
        11 => Errno.TryAgain,
        12 => Errno.NotEnoughMemory,
        13 => Errno.AccessDenied,
        14 => Errno.Fault,
        16 => Errno.Busy,
        17 => Errno.Exists,
        18 => Errno.CrossDeviceLink,
        19 => Errno.NoDevice,
        20 => Errno.NotDirectory,
        21 => Errno.IsDirectory,
        22 => Errno.InvalidArgument,
        23 => Errno.TooManyFilesInSystem,
        24 => Errno.TooManyOpenFiles,
        25 => Errno.NotTerminal,
        26 => Errno.TextFileBusy,
        27 => Errno.FileTooLarge,
        28 => Errno.NoSpace,
        29 => Errno.InvalidSeek,
        30 => Errno.ReadOnlyFileSystem,
        31 => Errno.TooManyLinks,
        32 => Errno.BrokenPipe,
        36 => Errno.NameTooLong,
        38 => Errno.FunctionNotSupported,
        39 => Errno.NotEmpty,
        40 => Errno.TooManySymbolicLinks,
        75 => Errno.Overflow,
        84 => Errno.IllegalByteSequence,
        95 => Errno.NotSupported,
        110 => Errno.TimedOut,
        122 => Errno.DiskQuota,
        _ => Errno.InputOutput,
    };
}
