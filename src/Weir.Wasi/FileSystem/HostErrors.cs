using Weir.Wasi.Abi;

namespace Weir.Wasi.FileSystem;

/// <summary>Turns what the .NET file APIs throw into the errno a guest should see.</summary>
internal static class HostErrors
{
    // Win32 error codes carried in the low word of an HRESULT on Windows.
    private const int Win32FileNotFound = 2;
    private const int Win32PathNotFound = 3;
    private const int Win32AccessDenied = 5;
    private const int Win32SharingViolation = 32;
    private const int Win32FileExists = 80;
    private const int Win32DiskFull = 112;
    private const int Win32DirectoryNotEmpty = 145;
    private const int Win32AlreadyExists = 183;

    /// <summary>Whether the exception is one a file-system call can raise for reasons the guest may cause or should hear about.</summary>
    public static bool IsHostFileError(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;

    public static Errno ToErrno(Exception exception) => exception switch
    {
        WasiErrorException wasi => wasi.Errno,
        FileNotFoundException or DirectoryNotFoundException => Errno.NoEntry,
        PathTooLongException => Errno.NameTooLong,
        UnauthorizedAccessException => Errno.AccessDenied,
        IOException io => FromHResult(io.HResult),
        NotSupportedException => Errno.NotSupported,
        ArgumentException => Errno.InvalidArgument,
        _ => Errno.InputOutput,
    };

    private static Errno FromHResult(int hresult)
    {
        // On Unix, .NET puts the raw errno into the HResult of IOExceptions it cannot classify further.
        if (OperatingSystem.IsLinux() && hresult > 0 && hresult < 4096)
        {
            return LinuxErrno.ToWasi(hresult);
        }

        if (OperatingSystem.IsWindows() && (hresult & 0xFFFF0000) == 0x80070000)
        {
            return (hresult & 0xFFFF) switch
            {
                Win32FileNotFound or Win32PathNotFound => Errno.NoEntry,
                Win32AccessDenied => Errno.AccessDenied,
                Win32SharingViolation => Errno.Busy,
                Win32FileExists or Win32AlreadyExists => Errno.Exists,
                Win32DiskFull => Errno.NoSpace,
                Win32DirectoryNotEmpty => Errno.NotEmpty,
                _ => Errno.InputOutput,
            };
        }

        return Errno.InputOutput;
    }
}
