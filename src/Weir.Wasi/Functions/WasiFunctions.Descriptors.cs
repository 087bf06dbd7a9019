using System.Buffers.Binary;
using System.Text;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasi.FileSystem;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// Calls on a descriptor itself: close, renumber, fdstat, prestat, filestat, advise, allocate, sync.
internal sealed partial class WasiFunctions
{
    private const byte AdviceMaximum = 5;
    private const ushort KnownDescriptorFlags = 0x1F;
    private const ushort KnownTimestampFlags = 0xF;

    public int FdClose(int descriptor)
    {
        try
        {
            Descriptors.Close(descriptor);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdRenumber(int from, int to)
    {
        try
        {
            Descriptors.Renumber(from, to);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdFdstatGet(Caller caller, int descriptor, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            var target = MemoryOf(caller).Slice((uint)resultAddress, 24);
            var allRights = Version == AbiVersion.Preview1 ? RightSets.All : RightSets.AllPreview0;
            target.Clear();
            target[0] = (byte)entry.FileType;
            BinaryPrimitives.WriteUInt16LittleEndian(target[2..], (ushort)entry.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(target[8..], (ulong)(entry.BaseRights & allRights));
            BinaryPrimitives.WriteUInt64LittleEndian(target[16..], (ulong)(entry.InheritingRights & allRights));
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdFdstatSetFlags(int descriptor, int flags)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdFdstatSetFlags);
            var requested = (DescriptorFlags)(ushort)flags;
            if ((flags & ~KnownDescriptorFlags) != 0
                || (requested & (DescriptorFlags.DataSync | DescriptorFlags.ReadSync | DescriptorFlags.Sync)) != 0)
            {
                // Only APPEND and NONBLOCK can change after opening (as in wasmtime).
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            entry.Flags = (entry.Flags & ~(DescriptorFlags.Append | DescriptorFlags.NonBlocking)) | requested;
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdFdstatSetRights(int descriptor, long baseRights, long inheritingRights)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            var newBase = (Rights)(ulong)baseRights;
            var newInheriting = (Rights)(ulong)inheritingRights;
            if ((newBase & ~entry.BaseRights) != 0 || (newInheriting & ~entry.InheritingRights) != 0)
            {
                // Rights can only ever be dropped.
                throw new WasiErrorException(Errno.NotCapable);
            }

            entry.BaseRights = newBase;
            entry.InheritingRights = newInheriting;
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdPrestatGet(Caller caller, int descriptor, int resultAddress)
    {
        try
        {
            var name = PreopenNameOf(descriptor);
            var target = MemoryOf(caller).Slice((uint)resultAddress, 8);
            target.Clear();
            target[0] = 0; // preopentype DIR
            BinaryPrimitives.WriteUInt32LittleEndian(target[4..], (uint)Encoding.UTF8.GetByteCount(name));
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdPrestatDirName(Caller caller, int descriptor, int bufferAddress, int bufferLength)
    {
        try
        {
            var name = Encoding.UTF8.GetBytes(PreopenNameOf(descriptor));
            if ((uint)bufferLength < (uint)name.Length)
            {
                throw new WasiErrorException(Errno.NameTooLong);
            }

            name.CopyTo(MemoryOf(caller).Slice((uint)bufferAddress, (uint)name.Length));
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdFilestatGet(Caller caller, int descriptor, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdFilestatGet);
            var target = MemoryOf(caller).Slice((uint)resultAddress, FileStat.SizeOf(Version));
            StatusOf(entry).Write(target, Version);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdFilestatSetSize(int descriptor, long size)
    {
        try
        {
            var file = WritableFile(descriptor, Rights.FdFilestatSetSize);
            if (size < 0)
            {
                throw new WasiErrorException(Errno.FileTooLarge);
            }

            RandomAccess.SetLength(file.Handle, size);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdFilestatSetTimes(int descriptor, long accessTime, long modificationTime, int flags)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdFilestatSetTimes);
            var (access, modification) = TimestampUpdates(accessTime, modificationTime, flags);
            switch (entry)
            {
                case FileDescriptor file:
                    RefuseOnReadOnlyMount(file.Mount, Errno.BadDescriptor);
                    HostFileSystem.SetTimes(file.Handle, access, modification);
                    break;
                case DirectoryDescriptor directory:
                    RefuseOnReadOnlyMount(directory.Mount, Errno.BadDescriptor);
                    HostFileSystem.SetTimes(directory.HostPath, followSymlinks: false, access, modification);
                    break;
                default:
                    throw new WasiErrorException(Errno.BadDescriptor);
            }

            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdAdvise(int descriptor, long offset, long length, int advice)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdAdvise);
            if ((uint)advice > AdviceMaximum || offset < 0 || length < 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            // Advice is a hint; .NET offers no way to pass it on, and ignoring it is always correct.
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdAllocate(int descriptor, long offset, long length)
    {
        try
        {
            var file = WritableFile(descriptor, Rights.FdAllocate);
            if (offset < 0 || length <= 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            if (offset > long.MaxValue - length)
            {
                throw new WasiErrorException(Errno.FileTooLarge);
            }

            // posix_fallocate semantics: the file grows to cover the range, never shrinks.
            if (RandomAccess.GetLength(file.Handle) < offset + length)
            {
                RandomAccess.SetLength(file.Handle, offset + length);
            }

            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdDatasync(int descriptor) => Synchronize(descriptor, Rights.FdDatasync);

    public int FdSync(int descriptor) => Synchronize(descriptor, Rights.FdSync);

    private int Synchronize(int descriptor, Rights right)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(right);
            switch (entry)
            {
                case FileDescriptor file:
                    RandomAccess.FlushToDisk(file.Handle);
                    break;
                case OutputStreamDescriptor output:
                    output.Stream.Flush();
                    break;
                default:
                    // Directories: their entries reach the disk with the file system's own ordering.
                    break;
            }

            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private string PreopenNameOf(int descriptor) =>
        Descriptors.Get(descriptor) is DirectoryDescriptor { PreopenName: { } name }
            ? name
            : throw new WasiErrorException(Errno.BadDescriptor);

    private static FileStat StatusOf(Descriptor entry) => entry switch
    {
        FileDescriptor file => HostFileSystem.GetStatus(file.Handle, file.HostPath),
        DirectoryDescriptor directory => HostFileSystem.TryGetStatus(directory.HostPath, followSymlinks: false)
            ?? throw new WasiErrorException(Errno.NoEntry),
        _ => new FileStat(0, 0, entry.FileType, 1, 0, 0, 0, 0),
    };

    /// <summary>A regular file open for writing whose descriptor has <paramref name="right"/>; BADF otherwise (also for every descriptor of a read-only mount).</summary>
    private FileDescriptor WritableFile(int descriptor, Rights right)
    {
        var entry = Descriptors.Get(descriptor);
        entry.Require(right);
        if (entry is not FileDescriptor file || !file.CanWrite || file.Mount.IsReadOnly)
        {
            throw new WasiErrorException(Errno.BadDescriptor);
        }

        return file;
    }

    private static void RefuseOnReadOnlyMount(Mount mount, Errno errno)
    {
        if (mount.IsReadOnly)
        {
            throw new WasiErrorException(errno);
        }
    }

    private static (TimestampUpdate Access, TimestampUpdate Modification) TimestampUpdates(long accessTime, long modificationTime, int flags)
    {
        var known = (TimestampFlags)(ushort)flags;
        if ((flags & ~KnownTimestampFlags) != 0
            || (known.HasFlag(TimestampFlags.AccessTime) && known.HasFlag(TimestampFlags.AccessTimeNow))
            || (known.HasFlag(TimestampFlags.ModificationTime) && known.HasFlag(TimestampFlags.ModificationTimeNow)))
        {
            throw new WasiErrorException(Errno.InvalidArgument);
        }

        var access = known.HasFlag(TimestampFlags.AccessTimeNow) ? TimestampUpdate.Now
            : known.HasFlag(TimestampFlags.AccessTime) ? TimestampUpdate.At((ulong)accessTime)
            : TimestampUpdate.Omit;
        var modification = known.HasFlag(TimestampFlags.ModificationTimeNow) ? TimestampUpdate.Now
            : known.HasFlag(TimestampFlags.ModificationTime) ? TimestampUpdate.At((ulong)modificationTime)
            : TimestampUpdate.Omit;
        return (access, modification);
    }
}
