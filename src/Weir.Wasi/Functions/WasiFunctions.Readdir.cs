using System.Buffers.Binary;
using System.Text;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasi.FileSystem;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// fd_readdir.
internal sealed partial class WasiFunctions
{
    private const int DirentSize = 24;

    /// <summary>
    /// Fills the buffer with dirent records, each followed by its name, truncating the last one that
    /// does not fit. The listing is ".", "..", then the entries in ordinal order; entry i's d_next is
    /// i + 1, so a cookie is an index into the listing taken when the guest started at cookie 0.
    /// </summary>
    public int FdReaddir(Caller caller, int descriptor, int bufferAddress, int bufferLength, long cookie, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdReaddir);
            if (entry is not DirectoryDescriptor directory)
            {
                throw new WasiErrorException(Errno.NotDirectory);
            }

            var memory = MemoryOf(caller);
            memory.Slice((uint)resultAddress, 4);
            var buffer = memory.Slice((uint)bufferAddress, (uint)bufferLength);
            if (cookie == 0 || directory.Listing is null)
            {
                directory.Listing = ListDirectory(directory);
            }

            var listing = directory.Listing;
            var used = 0;
            Span<byte> header = stackalloc byte[DirentSize];
            for (var index = (ulong)cookie; index < (ulong)listing.Count && used < buffer.Length; index++)
            {
                var item = listing[(int)index];
                header.Clear();
                BinaryPrimitives.WriteUInt64LittleEndian(header, index + 1);
                BinaryPrimitives.WriteUInt64LittleEndian(header[8..], item.Inode);
                BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)item.Name.Length);
                header[20] = (byte)item.FileType;
                used += CopyTruncated(header, buffer[used..]);
                used += CopyTruncated(item.Name, buffer[used..]);
            }

            memory.WriteUInt32((uint)resultAddress, (uint)used);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private static int CopyTruncated(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = Math.Min(source.Length, destination.Length);
        source[..count].CopyTo(destination);
        return count;
    }

    private static List<DirectoryEntry> ListDirectory(DirectoryDescriptor directory)
    {
        var self = HostFileSystem.TryGetStatus(directory.HostPath, followSymlinks: false)
            ?? throw new WasiErrorException(Errno.NoEntry);

        // The mount root's ".." is the root itself, as in a chroot: the host directory above stays hidden.
        var parentInode = self.Inode;
        if (directory.Components.Length > 0)
        {
            var parentPath = directory.Mount.HostPathOf(directory.Components, directory.Components.Length - 1);
            parentInode = HostFileSystem.TryGetStatus(parentPath, followSymlinks: false)?.Inode ?? self.Inode;
        }

        var entries = new List<DirectoryEntry>
        {
            new("."u8.ToArray(), self.Inode, FileType.Directory),
            new(".."u8.ToArray(), parentInode, FileType.Directory),
        };
        var names = Directory.EnumerateFileSystemEntries(directory.HostPath)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var status = HostFileSystem.TryGetStatus(Path.Join(directory.HostPath, name), followSymlinks: false);
            if (status is { } found)
            {
                entries.Add(new DirectoryEntry(Encoding.UTF8.GetBytes(name), found.Inode, found.FileType));
            }
        }

        return entries;
    }
}
