using System.Buffers.Binary;

namespace Weir.Wasi.Abi;

/// <summary>An iovec/ciovec array in guest memory; each buffer is bounds-checked when it is taken.</summary>
internal readonly ref struct IoVectorList
{
    private readonly GuestMemory _memory;
    private readonly ReadOnlySpan<byte> _table;

    public IoVectorList(GuestMemory memory, ReadOnlySpan<byte> table, int count)
    {
        _memory = memory;
        _table = table;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The buffer of entry <paramref name="index"/>; FAULT when it leaves the memory.</summary>
    public Span<byte> this[int index]
    {
        get
        {
            var entry = _table.Slice(index * 8, 8);
            var address = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            return _memory.Slice(address, length);
        }
    }

    /// <summary>The sum of the lengths, checking every buffer (FAULT) so a call fails before it has any effect.</summary>
    public long ValidateAndMeasure()
    {
        long total = 0;
        for (var i = 0; i < Count; i++)
        {
            total += this[i].Length;
        }

        return total;
    }
}
