using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Weir.Wasm.Decoding;

/// <summary>
/// Reads the primitive encodings of the binary format (LEB128 integers, floats, names) from a span,
/// tracking the absolute offset so every error names where it happened. Error wording and the order
/// of the checks follow the reference interpreter, so the spec test suite's expectations hold.
/// </summary>
internal ref struct WasmReader
{
    /// <summary>The reference interpreter's wording for running out of bytes anywhere.</summary>
    public const string UnexpectedEnd = "unexpected end of section or function";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _baseOffset;
    private int _position;

    /// <param name="bytes">The bytes to read.</param>
    /// <param name="baseOffset">The offset of <paramref name="bytes"/>[0] in the whole binary.</param>
    public WasmReader(ReadOnlySpan<byte> bytes, int baseOffset = 0)
    {
        _bytes = bytes;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>The absolute offset of the next byte.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>The position relative to the start of the span.</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public readonly bool AtEnd => _position >= _bytes.Length;

    public readonly int Remaining => _bytes.Length - _position;

    public readonly WasmMalformedException Malformed(string reason) => new(reason, Offset);

    public readonly WasmMalformedException Malformed(string reason, int offset) => new(reason, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if ((uint)_position >= (uint)_bytes.Length)
        {
            throw Malformed(UnexpectedEnd);
        }

        return _bytes[_position++];
    }

    public readonly byte PeekByte()
    {
        if ((uint)_position >= (uint)_bytes.Length)
        {
            throw Malformed(UnexpectedEnd);
        }

        return _bytes[_position];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Malformed(UnexpectedEnd);
        }

        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Moves past <paramref name="count"/> bytes.</summary>
    public void Skip(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Malformed(UnexpectedEnd);
        }

        _position += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadVarUInt32()
    {
        if ((uint)_position < (uint)_bytes.Length)
        {
            var first = _bytes[_position];
            if (first < 0x80)
            {
                _position++;
                return first;
            }
        }

        return ReadVarUInt32Slow();
    }

    private uint ReadVarUInt32Slow()
    {
        uint result = 0;
        // The bits still to fill, as the reference decoder counts them: a byte may only start when
        // some are left, and the last byte may not carry bits beyond them.
        for (int shift = 0, bitsLeft = 32; ; shift += 7, bitsLeft -= 7)
        {
            if (bitsLeft <= 0)
            {
                throw Malformed("integer representation too long");
            }

            var b = ReadByte();
            if (bitsLeft < 7 && (b & 0x7F) >= 1 << bitsLeft)
            {
                throw Malformed("integer too large", Offset - 1);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (int shift = 0, bitsLeft = 64; ; shift += 7, bitsLeft -= 7)
        {
            if (bitsLeft <= 0)
            {
                throw Malformed("integer representation too long");
            }

            var b = ReadByte();
            if (bitsLeft < 7 && (b & 0x7F) >= 1 << bitsLeft)
            {
                throw Malformed("integer too large", Offset - 1);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    public int ReadVarInt32() => (int)ReadSigned(32);

    public long ReadVarInt64() => ReadSigned(64);

    /// <summary>Reads a signed 33-bit integer, the encoding of block types.</summary>
    public long ReadVarInt33() => ReadSigned(33);

    private long ReadSigned(int bits)
    {
        long result = 0;
        for (int shift = 0, bitsLeft = bits; ; shift += 7, bitsLeft -= 7)
        {
            if (bitsLeft <= 0)
            {
                throw Malformed("integer representation too long");
            }

            var b = ReadByte();
            if (bitsLeft < 7)
            {
                // The unused high bits of the last byte must all repeat the sign bit.
                var mask = (-1 << (bitsLeft - 1)) & 0x7F;
                if ((b & mask) != 0 && (b & mask) != mask)
                {
                    throw Malformed("integer too large", Offset - 1);
                }
            }

            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                var used = shift + 7;
                return (b & 0x40) != 0 && used < 64 ? result | (-1L << used) : result;
            }
        }
    }

    /// <summary>
    /// Reads a type constructor byte, which the format defines as a signed 7-bit LEB128: a set
    /// continuation bit makes it too long.
    /// </summary>
    public byte ReadTypeByte()
    {
        var b = ReadByte();
        if ((b & 0x80) != 0)
        {
            throw Malformed("integer representation too long");
        }

        return b;
    }

    /// <summary>Reads a one-bit flag encoded as an unsigned LEB128 (limits flags).</summary>
    public bool ReadFlag()
    {
        var b = ReadByte();
        if ((b & 0x7F) > 1)
        {
            throw Malformed("integer too large", Offset - 1);
        }

        if ((b & 0x80) != 0)
        {
            throw Malformed("integer representation too long");
        }

        return b == 1;
    }

    /// <summary>
    /// Reads a vector length or byte count: no count can exceed the bytes left, since every element
    /// takes at least one byte, so larger ones fail before anything is allocated. As in the
    /// reference decoder the bound counts the length's own bytes, so a length may still overrun by
    /// a few bytes; the read that overruns then reports the unexpected end.
    /// </summary>
    public int ReadLength()
    {
        var start = Offset;
        var available = Remaining;
        var value = ReadVarUInt32();
        if (value > (uint)available)
        {
            throw Malformed("length out of bounds", start);
        }

        return (int)value;
    }

    public uint ReadUInt32LittleEndian() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadUInt64LittleEndian() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public Vector128<byte> ReadVector128() => Vector128.Create(ReadBytes(16));

    /// <summary>Reads a length-prefixed UTF-8 name, rejecting invalid UTF-8 as the spec requires.</summary>
    public string ReadName()
    {
        var start = Offset;
        var length = ReadLength();
        var bytes = ReadBytes(length);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        throw Malformed("malformed UTF-8 encoding", start);
    }
}
