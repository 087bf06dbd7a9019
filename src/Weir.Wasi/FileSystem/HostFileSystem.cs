using System.Text;
using Microsoft.Win32.SafeHandles;
using Weir.Wasi.Abi;

namespace Weir.Wasi.FileSystem;

/// <summary>
/// File-system primitives on host paths that have already been resolved inside a mount. On Linux
/// they use the exact native calls (<see cref="LinuxNative"/>); elsewhere they fall back to the
/// managed APIs, which cannot report inode numbers or link counts (a stable hash of the path and 1
/// are reported instead) and cannot set the times of a symbolic link itself.
/// </summary>
internal static class HostFileSystem
{
    /// <summary>The status of a path (of the link itself unless <paramref name="followSymlinks"/>), or null when nothing is there.</summary>
    public static FileStat? TryGetStatus(string path, bool followSymlinks)
    {
        if (LinuxNative.IsAvailable)
        {
            return LinuxNative.TryGetStatus(path, followSymlinks);
        }

        return TryGetStatusManaged(path, followSymlinks);
    }

    /// <summary>The status of an open file.</summary>
    public static FileStat GetStatus(SafeFileHandle handle, string path)
    {
        if (LinuxNative.IsAvailable)
        {
            return LinuxNative.GetStatus(handle);
        }

        var modified = ToNanoseconds(File.GetLastWriteTimeUtc(handle));
        return new FileStat(
            Device: 0,
            Inode: StableInode(path),
            FileType: FileType.RegularFile,
            LinkCount: 1,
            Size: (ulong)RandomAccess.GetLength(handle),
            AccessTime: ToNanoseconds(File.GetLastAccessTimeUtc(handle)),
            ModificationTime: modified,
            StatusChangeTime: modified);
    }

    public static void SetTimes(string path, bool followSymlinks, TimestampUpdate access, TimestampUpdate modification)
    {
        if (LinuxNative.IsAvailable)
        {
            LinuxNative.SetTimes(path, followSymlinks, access, modification);
            return;
        }

        var status = TryGetStatusManaged(path, followSymlinks: false) ?? throw new WasiErrorException(Errno.NoEntry);
        if (status.FileType == FileType.SymbolicLink && !followSymlinks)
        {
            throw new WasiErrorException(Errno.NotSupported);
        }

        var isDirectory = Directory.Exists(path);
        if (access.Kind != TimestampUpdateKind.Omit)
        {
            var time = ToDateTime(access);
            if (isDirectory)
            {
                Directory.SetLastAccessTimeUtc(path, time);
            }
            else
            {
                File.SetLastAccessTimeUtc(path, time);
            }
        }

        if (modification.Kind != TimestampUpdateKind.Omit)
        {
            var time = ToDateTime(modification);
            if (isDirectory)
            {
                Directory.SetLastWriteTimeUtc(path, time);
            }
            else
            {
                File.SetLastWriteTimeUtc(path, time);
            }
        }
    }

    public static void SetTimes(SafeFileHandle handle, TimestampUpdate access, TimestampUpdate modification)
    {
        if (LinuxNative.IsAvailable)
        {
            LinuxNative.SetTimes(handle, access, modification);
            return;
        }

        if (access.Kind != TimestampUpdateKind.Omit)
        {
            File.SetLastAccessTimeUtc(handle, ToDateTime(access));
        }

        if (modification.Kind != TimestampUpdateKind.Omit)
        {
            File.SetLastWriteTimeUtc(handle, ToDateTime(modification));
        }
    }

    public static void CreateHardLink(string existingPath, string newPath)
    {
        if (LinuxNative.IsAvailable)
        {
            LinuxNative.CreateHardLink(existingPath, newPath);
        }
        else
        {
            PortableNative.CreateHardLink(existingPath, newPath);
        }
    }

    /// <summary>Renames with POSIX semantics; the caller has already checked that replacing the destination is allowed.</summary>
    public static void Rename(string oldPath, string newPath, bool isDirectory)
    {
        if (LinuxNative.IsAvailable)
        {
            LinuxNative.Rename(oldPath, newPath);
            return;
        }

        if (isDirectory)
        {
            if (Directory.Exists(newPath))
            {
                // POSIX replaces an empty directory; Directory.Move refuses any existing destination.
                Directory.Delete(newPath, recursive: false);
            }

            Directory.Move(oldPath, newPath);
        }
        else
        {
            File.Move(oldPath, newPath, overwrite: true);
        }
    }

    public static bool IsDirectoryEmpty(string path) => !Directory.EnumerateFileSystemEntries(path).Any();

    private static FileStat? TryGetStatusManaged(string path, bool followSymlinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is { } linkTarget)
        {
            if (!followSymlinks)
            {
                return Describe(info, path, FileType.SymbolicLink, (ulong)Encoding.UTF8.GetByteCount(linkTarget));
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                return null;
            }

            info = target;
        }

        if (!info.Exists)
        {
            return null;
        }

        return info is DirectoryInfo
            ? Describe(info, path, FileType.Directory, 0)
            : Describe(info, path, FileType.RegularFile, (ulong)((FileInfo)info).Length);
    }

    private static FileStat Describe(FileSystemInfo info, string path, FileType type, ulong size)
    {
        var modified = ToNanoseconds(info.LastWriteTimeUtc);
        return new FileStat(0, StableInode(path), type, 1, size, ToNanoseconds(info.LastAccessTimeUtc), modified, modified);
    }

    /// <summary>FNV-1a of the full path: stable for a path, which is what guests compare inode numbers for.</summary>
    private static ulong StableInode(string path)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in Path.GetFullPath(path))
        {
            hash = (hash ^ character) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong ToNanoseconds(DateTime utc) =>
        utc <= DateTime.UnixEpoch ? 0 : (ulong)(utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static DateTime ToDateTime(TimestampUpdate update) =>
        update.Kind == TimestampUpdateKind.Now
            ? DateTime.UtcNow
            : DateTime.UnixEpoch.AddTicks((long)Math.Min(update.Nanoseconds / 100, (ulong)(DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks)));
}
