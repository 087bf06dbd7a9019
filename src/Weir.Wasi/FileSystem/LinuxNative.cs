using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Weir.Wasi.Abi;

namespace Weir.Wasi.FileSystem;

/// <summary>
/// The few Linux calls .NET has no managed equivalent for: statx (inode, link count and nanosecond
/// timestamps, without following symbolic links), utimensat/futimens (nanosecond times, "now",
/// "omit", and times of a symbolic link itself), link (hard links) and rename (POSIX replace
/// semantics). Every caller has a managed fallback for when this is unavailable.
/// </summary>
internal static unsafe partial class LinuxNative
{
    private const int AtFileDescriptorCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxBufferSize = 256;
    private const long UtimeNow = (1L << 30) - 1;
    private const long UtimeOmit = (1L << 30) - 2;

    private static readonly Lazy<bool> Probe = new(ProbeAvailability);

    /// <summary>Whether these calls can be used (Linux with a libc that has statx).</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() && Probe.Value;

    /// <summary>lstat/stat of a path; null when it does not exist.</summary>
    public static FileStat? TryGetStatus(string path, bool followSymlinks)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx(AtFileDescriptorCurrentDirectory, path, followSymlinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) == 0)
        {
            return Decode(new ReadOnlySpan<byte>(buffer, StatxBufferSize));
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is LinuxErrno.NoEntry or LinuxErrno.NotDirectory)
        {
            return null;
        }

        throw new WasiErrorException(LinuxErrno.ToWasi(errno));
    }

    /// <summary>fstat of an open file.</summary>
    public static FileStat GetStatus(SafeFileHandle handle)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var descriptor = (int)handle.DangerousGetHandle();
            if (Statx(descriptor, string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
            {
                throw new WasiErrorException(LinuxErrno.ToWasi(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return Decode(new ReadOnlySpan<byte>(buffer, StatxBufferSize));
    }

    public static void SetTimes(string path, bool followSymlinks, TimestampUpdate access, TimestampUpdate modification)
    {
        var times = stackalloc long[4];
        Encode(times, access, modification);
        if (Utimensat(AtFileDescriptorCurrentDirectory, path, times, followSymlinks ? 0 : AtSymlinkNoFollow) != 0)
        {
            throw new WasiErrorException(LinuxErrno.ToWasi(Marshal.GetLastPInvokeError()));
        }
    }

    public static void SetTimes(SafeFileHandle handle, TimestampUpdate access, TimestampUpdate modification)
    {
        var times = stackalloc long[4];
        Encode(times, access, modification);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Futimens((int)handle.DangerousGetHandle(), times) != 0)
            {
                throw new WasiErrorException(LinuxErrno.ToWasi(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public static void CreateHardLink(string existingPath, string newPath)
    {
        if (Link(existingPath, newPath) != 0)
        {
            throw new WasiErrorException(LinuxErrno.ToWasi(Marshal.GetLastPInvokeError()));
        }
    }

    public static void Rename(string oldPath, string newPath)
    {
        if (RenameNative(oldPath, newPath) != 0)
        {
            throw new WasiErrorException(LinuxErrno.ToWasi(Marshal.GetLastPInvokeError()));
        }
    }

    private static void Encode(long* times, TimestampUpdate access, TimestampUpdate modification)
    {
        EncodeOne(times, access);
        EncodeOne(times + 2, modification);
    }

    private static void EncodeOne(long* timespec, TimestampUpdate update)
    {
        switch (update.Kind)
        {
            case TimestampUpdateKind.Omit:
                timespec[0] = 0;
                timespec[1] = UtimeOmit;
                break;
            case TimestampUpdateKind.Now:
                timespec[0] = 0;
                timespec[1] = UtimeNow;
                break;
            default:
                timespec[0] = (long)(update.Nanoseconds / 1_000_000_000);
                timespec[1] = (long)(update.Nanoseconds % 1_000_000_000);
                break;
        }
    }

    private static FileStat Decode(ReadOnlySpan<byte> statx)
    {
        var linkCount = BinaryPrimitives.ReadUInt32LittleEndian(statx[16..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]);
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(statx[32..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(statx[40..]);
        var deviceMajor = BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]);
        var deviceMinor = BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]);
        return new FileStat(
            Device: ((ulong)deviceMajor << 32) | deviceMinor,
            Inode: inode,
            FileType: FileTypeFromMode(mode),
            LinkCount: linkCount,
            Size: size,
            AccessTime: ReadTimestamp(statx[64..]),
            ModificationTime: ReadTimestamp(statx[112..]),
            StatusChangeTime: ReadTimestamp(statx[96..]));
    }

    private static ulong ReadTimestamp(ReadOnlySpan<byte> timestamp)
    {
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(timestamp);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);
        return seconds < 0 ? 0 : ((ulong)seconds * 1_000_000_000) + nanoseconds;
    }

    private static FileType FileTypeFromMode(ushort mode) => (mode & 0xF000) switch
    {
        0x4000 => FileType.Directory,
        0x8000 => FileType.RegularFile,
        0xA000 => FileType.SymbolicLink,
        0x2000 => FileType.CharacterDevice,
        0x6000 => FileType.BlockDevice,
        0xC000 => FileType.SocketStream,
        _ => FileType.Unknown,
    };

    private static bool ProbeAvailability()
    {
        try
        {
            var buffer = stackalloc byte[StatxBufferSize];
            return Statx(AtFileDescriptorCurrentDirectory, "/", 0, StatxBasicStats, buffer) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Utimensat(int directory, string path, long* times, int flags);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static partial int Futimens(int descriptor, long* times);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);
}
