using System.Runtime.InteropServices;
using Weir.Wasi.Abi;

namespace Weir.Wasi.FileSystem;

/// <summary>Hard links on systems other than Linux: .NET has no API for them.</summary>
internal static partial class PortableNative
{
    public static void CreateHardLink(string existingPath, string newPath)
    {
        if (OperatingSystem.IsWindows())
        {
            if (!CreateHardLinkWindows(newPath, existingPath, 0))
            {
                throw new WasiErrorException(Marshal.GetLastPInvokeError() switch
                {
                    2 or 3 => Errno.NoEntry,
                    5 => Errno.AccessDenied,
                    80 or 183 => Errno.Exists,
                    17 => Errno.CrossDeviceLink,
                    1142 => Errno.TooManyLinks,
                    _ => Errno.InputOutput,
                });
            }

            return;
        }

        if (LinkPosix(existingPath, newPath) != 0)
        {
            // errno values up to 34 are numbered alike on Linux and the BSDs (macOS included).
            var errno = Marshal.GetLastPInvokeError();
            throw new WasiErrorException(errno <= 34 ? LinuxErrno.ToWasi(errno) : Errno.InputOutput);
        }
    }

    [LibraryImport("kernel32.dll", EntryPoint = "CreateHardLinkW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateHardLinkWindows(string newPath, string existingPath, nint securityAttributes);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkPosix(string existingPath, string newPath);
}
