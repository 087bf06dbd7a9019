using System.Buffers.Binary;

namespace Weir.Wasi.Abi;

/// <summary>WASI <c>filestat</c>: what fd_filestat_get and path_filestat_get report. Timestamps are nanoseconds since the Unix epoch.</summary>
internal readonly record struct FileStat(
    ulong Device,
    ulong Inode,
    FileType FileType,
    ulong LinkCount,
    ulong Size,
    ulong AccessTime,
    ulong ModificationTime,
    ulong StatusChangeTime)
{
    /// <summary>Bytes the struct takes in guest memory for an ABI version (64 in preview 1, 56 in preview 0).</summary>
    public static uint SizeOf(AbiVersion version) => version == AbiVersion.Preview1 ? 64u : 56u;

    /// <summary>Writes the struct with the layout of <paramref name="version"/>, padding zeroed.</summary>
    public void Write(Span<byte> destination, AbiVersion version)
    {
        destination[..(int)SizeOf(version)].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Device);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Inode);
        destination[16] = (byte)FileType;
        if (version == AbiVersion.Preview1)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], LinkCount);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], Size);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], AccessTime);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], ModificationTime);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[56..], StatusChangeTime);
        }
        else
        {
            // Preview 0: linkcount is a u32 at 20, and everything after moves up by 8 bytes.
            BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], (uint)Math.Min(LinkCount, uint.MaxValue));
            BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Size);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], AccessTime);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], ModificationTime);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[48..], StatusChangeTime);
        }
    }
}
