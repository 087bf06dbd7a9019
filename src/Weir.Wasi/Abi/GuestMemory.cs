using System.Buffers.Binary;
using System.Text;
using Weir.Wasm;

namespace Weir.Wasi.Abi;

/// <summary>
/// The calling guest's memory seen through WASI's rules: every range is checked first and an
/// out-of-bounds range answers <see cref="Errno.Fault"/> instead of trapping. Values are read and
/// written unaligned and little-endian, so guest alignment never matters.
/// </summary>
internal readonly ref struct GuestMemory
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Memory? _memory;

    public GuestMemory(Memory? memory)
    {
        _memory = memory;
    }

    /// <summary>The bytes at <paramref name="address"/>, or FAULT when any of them is outside the memory.</summary>
    public Span<byte> Slice(uint address, uint length)
    {
        if (_memory is null || (ulong)address + length > _memory.Length)
        {
            throw new WasiErrorException(Errno.Fault);
        }

        if (length > int.MaxValue)
        {
            // A span cannot be longer; such a range can only exist in a memory above 2 GiB.
            throw new WasiErrorException(Errno.Overflow);
        }

        return _memory.GetSpan(address, (int)length);
    }

    public byte ReadByte(uint address) => Slice(address, 1)[0];

    public ushort ReadUInt16(uint address) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(address, 2));

    public uint ReadUInt32(uint address) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(address, 4));

    public ulong ReadUInt64(uint address) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(address, 8));

    public void WriteByte(uint address, byte value) => Slice(address, 1)[0] = value;

    public void WriteUInt16(uint address, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Slice(address, 2), value);

    public void WriteUInt32(uint address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Slice(address, 4), value);

    public void WriteUInt64(uint address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Slice(address, 8), value);

    /// <summary>
    /// A path or other string argument: UTF-8 without a terminator. A NUL byte answers INVAL and
    /// bytes that are not UTF-8 answer ILSEQ.
    /// </summary>
    public string ReadString(uint address, uint length)
    {
        var bytes = Slice(address, length);
        if (bytes.Contains((byte)0))
        {
            throw new WasiErrorException(Errno.InvalidArgument);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new WasiErrorException(Errno.IllegalByteSequence);
        }
    }

    /// <summary>The iovec array at <paramref name="address"/> (each 8 bytes: buffer pointer, length), validated up front.</summary>
    public IoVectorList ReadIoVectors(uint address, uint count)
    {
        if (count > int.MaxValue / 8)
        {
            throw new WasiErrorException(Errno.InvalidArgument);
        }

        var table = Slice(address, count * 8);
        return new IoVectorList(this, table, (int)count);
    }
}
