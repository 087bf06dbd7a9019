using Microsoft.Win32.SafeHandles;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasi.FileSystem;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// path_open.
internal sealed partial class WasiFunctions
{
    private const ushort KnownOpenFlags = 0xF;

    /// <summary>
    /// Opens a file or directory relative to a directory descriptor. The new descriptor's rights are
    /// the requested ones masked by what applies to the file's type and by the directory's
    /// inheriting rights (never a failure, since libc asks for broad rights and relies on the
    /// masking). On a read-only mount, creating, truncating or asking for write rights is PERM, and
    /// the host file is opened read-only whatever the rights say.
    /// </summary>
    public int PathOpen(Caller caller, int descriptor, int lookupFlags, int pathAddress, int pathLength, int openFlags, long baseRights, long inheritingRights, int descriptorFlags, int resultAddress)
    {
        try
        {
            var directory = Descriptors.GetDirectory(descriptor);
            var memory = MemoryOf(caller);
            var path = memory.ReadString((uint)pathAddress, (uint)pathLength);
            memory.Slice((uint)resultAddress, 4);
            directory.Require(Rights.PathOpen);
            if ((openFlags & ~KnownOpenFlags) != 0 || (descriptorFlags & ~KnownDescriptorFlags) != 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            var open = (OpenFlags)(ushort)openFlags;
            var flags = (DescriptorFlags)(ushort)descriptorFlags;
            var requestedBase = (Rights)(ulong)baseRights;
            var requestedInheriting = (Rights)(ulong)inheritingRights;
            var create = open.HasFlag(OpenFlags.Create);
            var truncate = open.HasFlag(OpenFlags.Truncate);
            var wantsDirectory = open.HasFlag(OpenFlags.Directory);
            if (wantsDirectory && (create || truncate))
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            if (directory.Mount.IsReadOnly && (create || truncate || (requestedBase & RightSets.WriteAccess) != 0))
            {
                throw new WasiErrorException(Errno.NotPermitted);
            }

            if ((create && !directory.Has(Rights.PathCreateFile)) || (truncate && !directory.Has(Rights.PathFilestatSetSize)))
            {
                throw new WasiErrorException(Errno.NotPermitted);
            }

            // O_CREAT|O_EXCL never follows a final symbolic link: a link there, even a dangling one, exists.
            var exclusive = create && open.HasFlag(OpenFlags.Exclusive);
            var resolved = PathResolver.Resolve(directory, path, FollowsSymlinks(lookupFlags) && !exclusive);
            Descriptor opened = resolved.Status switch
            {
                null => CreateFile(directory, resolved, create, requestedBase, requestedInheriting, flags),
                _ when exclusive => throw new WasiErrorException(Errno.Exists),
                { FileType: FileType.SymbolicLink } => throw new WasiErrorException(wantsDirectory ? Errno.NotDirectory : Errno.TooManySymbolicLinks),
                { FileType: FileType.Directory } => OpenDirectory(directory, resolved, create || truncate, requestedBase, requestedInheriting),
                { FileType: FileType.RegularFile } when !wantsDirectory => OpenExistingFile(directory, resolved, truncate, requestedBase, requestedInheriting, flags),
                _ when wantsDirectory => throw new WasiErrorException(Errno.NotDirectory),
                _ => throw new WasiErrorException(Errno.NotSupported),
            };

            int number;
            try
            {
                number = Descriptors.Add(opened);
            }
            catch (WasiErrorException)
            {
                opened.Close();
                throw;
            }

            memory.WriteUInt32((uint)resultAddress, (uint)number);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private static DirectoryDescriptor OpenDirectory(DirectoryDescriptor parent, ResolvedPath resolved, bool modifies, Rights requestedBase, Rights requestedInheriting)
    {
        if (modifies || (requestedBase & Rights.FdWrite) != 0)
        {
            throw new WasiErrorException(Errno.IsDirectory);
        }

        return new DirectoryDescriptor(
            resolved.Mount,
            [.. resolved.Components],
            requestedBase & RightSets.DirectoryBase & parent.InheritingRights,
            requestedInheriting & parent.InheritingRights,
            preopenName: null);
    }

    private static FileDescriptor CreateFile(DirectoryDescriptor parent, ResolvedPath resolved, bool create, Rights requestedBase, Rights requestedInheriting, DescriptorFlags flags)
    {
        if (!create)
        {
            throw new WasiErrorException(Errno.NoEntry);
        }

        if (resolved.MustBeDirectory)
        {
            // open("name/", O_CREAT) on Linux.
            throw new WasiErrorException(Errno.IsDirectory);
        }

        return OpenFile(parent, resolved, FileMode.CreateNew, requestedBase, requestedInheriting, flags);
    }

    private static FileDescriptor OpenExistingFile(DirectoryDescriptor parent, ResolvedPath resolved, bool truncate, Rights requestedBase, Rights requestedInheriting, DescriptorFlags flags) =>
        OpenFile(parent, resolved, truncate ? FileMode.Truncate : FileMode.Open, requestedBase, requestedInheriting, flags);

    private static FileDescriptor OpenFile(DirectoryDescriptor parent, ResolvedPath resolved, FileMode mode, Rights requestedBase, Rights requestedInheriting, DescriptorFlags flags)
    {
        var baseRights = requestedBase & RightSets.RegularFileBase & parent.InheritingRights;
        var canRead = (baseRights & Rights.FdRead) != 0;
        var canWrite = (baseRights & RightSets.WriteAccess) != 0 || mode == FileMode.Truncate || mode == FileMode.CreateNew;
        if (resolved.Mount.IsReadOnly)
        {
            // Second line of defence: the checks before resolution already refused all of these.
            if (canWrite)
            {
                throw new WasiErrorException(Errno.NotPermitted);
            }
        }

        var access = (canRead, canWrite) switch
        {
            (true, true) => FileAccess.ReadWrite,
            (false, true) => FileAccess.Write,
            _ => FileAccess.Read,
        };
        var options = flags.HasFlag(DescriptorFlags.Sync) || flags.HasFlag(DescriptorFlags.DataSync) ? FileOptions.WriteThrough : FileOptions.None;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(resolved.HostPath, mode, access, FileShare.ReadWrite | FileShare.Delete, options);
        }
        catch (IOException) when (mode == FileMode.CreateNew && File.Exists(resolved.HostPath))
        {
            throw new WasiErrorException(Errno.Exists);
        }

        return new FileDescriptor(
            resolved.Mount,
            resolved.HostPath,
            handle,
            canRead || access == FileAccess.Read,
            access != FileAccess.Read,
            baseRights,
            requestedInheriting & parent.InheritingRights,
            flags & (DescriptorFlags.Append | DescriptorFlags.NonBlocking | DescriptorFlags.DataSync | DescriptorFlags.ReadSync | DescriptorFlags.Sync));
    }
}
