using System.Buffers.Binary;
using Weir.Wasm.Execution;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>
/// A linear memory: bytes in native memory, addressed from 0, growing in 64 KiB pages. The host
/// sees it as a <see cref="Span{T}"/>; a span is invalidated by <see cref="Grow"/> on platforms
/// where growing moves the memory, so take a new one after anything that can grow it.
/// </summary>
public sealed unsafe class Memory : Extern, IDisposable
{
    // Read directly by compiled code: keep these two fields first and simple.
    internal byte* BasePointer;
    internal ulong ByteLength;

    private readonly LinearMemoryBuffer _buffer;
    private readonly ulong _maximumPages;

    /// <summary>Creates a memory in a store, with the store's limits applied.</summary>
    public Memory(Store store, MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(type);
        Store = store;
        var declaredMaximum = Math.Min(type.Limits.Maximum ?? MemoryType.MaximumPages, MemoryType.MaximumPages);
        var storeMaximum = store.Limits.MaxMemoryBytes / MemoryType.PageSize;
        if (type.Limits.Minimum > declaredMaximum)
        {
            throw new ArgumentException("the memory's minimum exceeds its maximum", nameof(type));
        }

        if (type.Limits.Minimum > storeMaximum)
        {
            throw new WasmTrapException(TrapCode.ResourceLimitExceeded, $"memory of {type.Limits.Minimum} pages exceeds the store limit of {store.Limits.MaxMemoryBytes} bytes");
        }

        _maximumPages = Math.Min(declaredMaximum, storeMaximum);
        DeclaredMaximumPages = type.Limits.Maximum;
        _buffer = new LinearMemoryBuffer(type.Limits.Minimum * MemoryType.PageSize, _maximumPages * MemoryType.PageSize);
        BasePointer = _buffer.Base;
        ByteLength = type.Limits.Minimum * MemoryType.PageSize;
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Memory;

    /// <summary>The store that owns the memory.</summary>
    public Store Store { get; }

    /// <summary>The maximum declared by the memory's type, in pages, or null.</summary>
    public ulong? DeclaredMaximumPages { get; }

    /// <summary>The memory's type with its current size as the minimum.</summary>
    public MemoryType Type => new(new Limits(Pages, DeclaredMaximumPages));

    /// <summary>The current size in bytes.</summary>
    public ulong Length => ByteLength;

    /// <summary>The current size in 64 KiB pages.</summary>
    public uint Pages => (uint)(ByteLength / MemoryType.PageSize);

    /// <summary>The whole memory as a span (only for memories under 2 GiB; use <see cref="GetSpan"/> otherwise).</summary>
    public Span<byte> Span => ByteLength <= int.MaxValue
        ? new Span<byte>(BasePointer, (int)ByteLength)
        : throw new InvalidOperationException("the memory is larger than a span can hold; use GetSpan");

    /// <summary>A bounds-checked window of the memory.</summary>
    /// <exception cref="WasmTrapException">The window is outside the memory (code <see cref="TrapCode.MemoryOutOfBounds"/>).</exception>
    public Span<byte> GetSpan(ulong address, int length)
    {
        if (length < 0 || address + (ulong)length > ByteLength || address + (ulong)length < address)
        {
            throw new WasmTrapException(TrapCode.MemoryOutOfBounds);
        }

        return new Span<byte>(BasePointer + address, length);
    }

    /// <summary>Grows by <paramref name="deltaPages"/> pages; returns the old size in pages, or -1 when the maximum or the store limit forbids it.</summary>
    public int Grow(uint deltaPages)
    {
        var oldPages = ByteLength / MemoryType.PageSize;
        var newPages = oldPages + deltaPages;
        if (newPages > _maximumPages)
        {
            return -1;
        }

        if (deltaPages != 0)
        {
            if (!_buffer.TryCommit(newPages * MemoryType.PageSize))
            {
                return -1;
            }

            BasePointer = _buffer.Base;
            ByteLength = newPages * MemoryType.PageSize;
        }

        return (int)oldPages;
    }

    /// <summary>Reads a little-endian i32.</summary>
    public int ReadInt32(ulong address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Reads a little-endian i64.</summary>
    public long ReadInt64(ulong address) => BinaryPrimitives.ReadInt64LittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian i32.</summary>
    public void WriteInt32(ulong address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Writes a little-endian i64.</summary>
    public void WriteInt64(ulong address, long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(address, 8), value);

    /// <summary>
    /// Releases the native memory now rather than at finalization. Guests must not run afterwards,
    /// and spans taken from it must not be used: its address range is reset to zeros and may be
    /// handed to the next memory created.
    /// </summary>
    public void Dispose()
    {
        BasePointer = null;
        ByteLength = 0;
        _buffer.Dispose();
    }
}
