using System.Text;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasi.FileSystem;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// path_create_directory, path_filestat_get, path_filestat_set_times, path_link, path_readlink,
// path_remove_directory, path_rename, path_symlink, path_unlink_file (path_open has its own file).
// Every path is resolved by PathResolver inside the directory descriptor it is relative to. Read-only
// mounts refuse every change with PERM before anything is resolved.
internal sealed partial class WasiFunctions
{
    private const uint KnownLookupFlags = 0x1;

    public int PathCreateDirectory(Caller caller, int descriptor, int pathAddress, int pathLength)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var path = MemoryOf(caller).ReadString((uint)pathAddress, (uint)pathLength);
            RefuseOnReadOnlyMount(directory.Mount, Errno.NotPermitted);
            directory.Require(Rights.PathCreateDirectory);
            var resolved = PathResolver.Resolve(directory, path, followFinalSymlink: false);
            if (resolved.IsStartingDirectory || resolved.Exists)
            {
                throw new WasiErrorException(Errno.Exists);
            }

            Directory.CreateDirectory(resolved.HostPath);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathFilestatGet(Caller caller, int descriptor, int lookupFlags, int pathAddress, int pathLength, int resultAddress)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var memory = MemoryOf(caller);
            var path = memory.ReadString((uint)pathAddress, (uint)pathLength);
            var target = memory.Slice((uint)resultAddress, FileStat.SizeOf(Version));
            directory.Require(Rights.PathFilestatGet);
            var resolved = PathResolver.Resolve(directory, path, FollowsSymlinks(lookupFlags));
            var status = resolved.Status ?? throw new WasiErrorException(Errno.NoEntry);
            status.Write(target, Version);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathFilestatSetTimes(Caller caller, int descriptor, int lookupFlags, int pathAddress, int pathLength, long accessTime, long modificationTime, int flags)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var path = MemoryOf(caller).ReadString((uint)pathAddress, (uint)pathLength);
            RefuseOnReadOnlyMount(directory.Mount, Errno.NotPermitted);
            directory.Require(Rights.PathFilestatSetTimes);
            var (access, modification) = TimestampUpdates(accessTime, modificationTime, flags);
            var resolved = PathResolver.Resolve(directory, path, FollowsSymlinks(lookupFlags));
            if (!resolved.Exists)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            // Symbolic links were expanded by the resolver when asked to; what is left is the entry itself.
            HostFileSystem.SetTimes(resolved.HostPath, followSymlinks: false, access, modification);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathLink(Caller caller, int oldDescriptor, int oldLookupFlags, int oldPathAddress, int oldPathLength, int newDescriptor, int newPathAddress, int newPathLength)
    {
        try
        {
            var oldDirectory = Descriptors.GetDirectory(oldDescriptor);
            var newDirectory = Descriptors.GetDirectory(newDescriptor);
            var memory = MemoryOf(caller);
            var oldPath = memory.ReadString((uint)oldPathAddress, (uint)oldPathLength);
            var newPath = memory.ReadString((uint)newPathAddress, (uint)newPathLength);
            RefuseOnReadOnlyMount(oldDirectory.Mount, Errno.NotPermitted);
            RefuseOnReadOnlyMount(newDirectory.Mount, Errno.NotPermitted);
            oldDirectory.Require(Rights.PathLinkSource);
            newDirectory.Require(Rights.PathLinkTarget);
            var source = PathResolver.Resolve(oldDirectory, oldPath, FollowsSymlinks(oldLookupFlags));
            if (!source.Exists)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            if (source.FileType == FileType.Directory)
            {
                throw new WasiErrorException(Errno.NotPermitted);
            }

            var destination = PathResolver.Resolve(newDirectory, newPath, followFinalSymlink: false);
            if (destination.IsStartingDirectory || destination.Exists)
            {
                throw new WasiErrorException(Errno.Exists);
            }

            if (destination.MustBeDirectory)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            HostFileSystem.CreateHardLink(source.HostPath, destination.HostPath);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathReadlink(Caller caller, int descriptor, int pathAddress, int pathLength, int bufferAddress, int bufferLength, int resultAddress)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var memory = MemoryOf(caller);
            var path = memory.ReadString((uint)pathAddress, (uint)pathLength);
            var buffer = memory.Slice((uint)bufferAddress, (uint)bufferLength);
            memory.Slice((uint)resultAddress, 4);
            directory.Require(Rights.PathReadlink);
            var resolved = PathResolver.Resolve(directory, path, followFinalSymlink: false);
            if (!resolved.Exists)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            if (resolved.FileType != FileType.SymbolicLink)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            var target = Encoding.UTF8.GetBytes(new FileInfo(resolved.HostPath).LinkTarget ?? string.Empty);
            var count = Math.Min(target.Length, buffer.Length);
            target.AsSpan(0, count).CopyTo(buffer);
            memory.WriteUInt32((uint)resultAddress, (uint)count);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathRemoveDirectory(Caller caller, int descriptor, int pathAddress, int pathLength)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var path = MemoryOf(caller).ReadString((uint)pathAddress, (uint)pathLength);
            RefuseOnReadOnlyMount(directory.Mount, Errno.NotPermitted);
            directory.Require(Rights.PathRemoveDirectory);
            var resolved = PathResolver.Resolve(directory, path, followFinalSymlink: false);
            if (resolved.IsStartingDirectory)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            if (!resolved.Exists)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            if (resolved.FileType != FileType.Directory)
            {
                throw new WasiErrorException(Errno.NotDirectory);
            }

            if (!HostFileSystem.IsDirectoryEmpty(resolved.HostPath))
            {
                throw new WasiErrorException(Errno.NotEmpty);
            }

            Directory.Delete(resolved.HostPath, recursive: false);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathRename(Caller caller, int oldDescriptor, int oldPathAddress, int oldPathLength, int newDescriptor, int newPathAddress, int newPathLength)
    {
        try
        {
            var oldDirectory = Descriptors.GetDirectory(oldDescriptor);
            var newDirectory = Descriptors.GetDirectory(newDescriptor);
            var memory = MemoryOf(caller);
            var oldPath = memory.ReadString((uint)oldPathAddress, (uint)oldPathLength);
            var newPath = memory.ReadString((uint)newPathAddress, (uint)newPathLength);
            RefuseOnReadOnlyMount(oldDirectory.Mount, Errno.NotPermitted);
            RefuseOnReadOnlyMount(newDirectory.Mount, Errno.NotPermitted);
            oldDirectory.Require(Rights.PathRenameSource);
            newDirectory.Require(Rights.PathRenameTarget);
            var source = PathResolver.Resolve(oldDirectory, oldPath, followFinalSymlink: false);
            var destination = PathResolver.Resolve(newDirectory, newPath, followFinalSymlink: false);
            if (source.IsStartingDirectory || destination.IsStartingDirectory)
            {
                throw new WasiErrorException(Errno.Busy);
            }

            if (source.Status is not { } sourceStatus)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            var sourceIsDirectory = sourceStatus.FileType == FileType.Directory;
            if (!sourceIsDirectory && (source.MustBeDirectory || destination.MustBeDirectory))
            {
                throw new WasiErrorException(Errno.NotDirectory);
            }

            if (destination.Status is { } destinationStatus)
            {
                if (destinationStatus.Inode == sourceStatus.Inode && destinationStatus.Device == sourceStatus.Device)
                {
                    // Renaming a file onto itself (or onto another link to it) does nothing.
                    return Success;
                }

                var destinationIsDirectory = destinationStatus.FileType == FileType.Directory;
                if (sourceIsDirectory && !destinationIsDirectory)
                {
                    throw new WasiErrorException(Errno.NotDirectory);
                }

                if (!sourceIsDirectory && destinationIsDirectory)
                {
                    throw new WasiErrorException(Errno.IsDirectory);
                }

                if (destinationIsDirectory && !HostFileSystem.IsDirectoryEmpty(destination.HostPath))
                {
                    throw new WasiErrorException(Errno.NotEmpty);
                }
            }

            if (sourceIsDirectory && source.Mount == destination.Mount && IsInside(destination.Components, source.Components))
            {
                // A directory cannot become its own descendant.
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            HostFileSystem.Rename(source.HostPath, destination.HostPath, sourceIsDirectory);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathSymlink(Caller caller, int targetAddress, int targetLength, int descriptor, int pathAddress, int pathLength)
    {
        try
        {
            var memory = MemoryOf(caller);
            var target = memory.ReadString((uint)targetAddress, (uint)targetLength);
            var directory = Descriptors.GetDirectory(descriptor);
            var path = memory.ReadString((uint)pathAddress, (uint)pathLength);
            RefuseOnReadOnlyMount(directory.Mount, Errno.NotPermitted);
            directory.Require(Rights.PathSymlink);
            if (target.Length == 0)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            var link = PathResolver.Resolve(directory, path, followFinalSymlink: false);
            if (link.IsStartingDirectory || link.Exists)
            {
                throw new WasiErrorException(Errno.Exists);
            }

            if (link.MustBeDirectory)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            // Following such a link is refused anyway; refusing to create it also keeps host
            // processes that look into the directory from being led outside.
            if (!PathResolver.TargetStaysInside(link.Components, target))
            {
                throw new WasiErrorException(Errno.NotPermitted);
            }

            File.CreateSymbolicLink(link.HostPath, target);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int PathUnlinkFile(Caller caller, int descriptor, int pathAddress, int pathLength)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var path = MemoryOf(caller).ReadString((uint)pathAddress, (uint)pathLength);
            RefuseOnReadOnlyMount(directory.Mount, Errno.NotPermitted);
            directory.Require(Rights.PathUnlinkFile);
            var resolved = PathResolver.Resolve(directory, path, followFinalSymlink: false);
            if (resolved.IsStartingDirectory || resolved.FileType == FileType.Directory)
            {
                throw new WasiErrorException(Errno.IsDirectory);
            }

            if (!resolved.Exists)
            {
                throw new WasiErrorException(Errno.NoEntry);
            }

            // A symbolic link is removed itself, never its target.
            File.Delete(resolved.HostPath);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private static bool FollowsSymlinks(int lookupFlags)
    {
        if (((uint)lookupFlags & ~KnownLookupFlags) != 0)
        {
            throw new WasiErrorException(Errno.InvalidArgument);
        }

        return ((LookupFlags)(uint)lookupFlags).HasFlag(LookupFlags.SymlinkFollow);
    }

    private static bool IsInside(IReadOnlyList<string> candidate, IReadOnlyList<string> ancestor)
    {
        if (candidate.Count <= ancestor.Count)
        {
            return false;
        }

        for (var i = 0; i < ancestor.Count; i++)
        {
            if (!string.Equals(candidate[i], ancestor[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
