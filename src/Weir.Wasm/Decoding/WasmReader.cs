using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Text;

namespace Weir.Wasm.Decoding;

/// <summary>
/// Reads the primitive encodings of the binary format (LEB128 integers, floats, names) from a span,
/// tracking the absolute offset so every error names where it happened.
/// </summary>
internal ref struct WasmReader
{
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

    public byte ReadByte()
    {
        if (_position >= _bytes.Length)
        {
            throw Malformed("unexpected end");
        }

        return _bytes[_position++];
    }

    public readonly byte PeekByte()
    {
        if (_position >= _bytes.Length)
        {
            throw Malformed("unexpected end");
        }

        return _bytes[_position];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Malformed("unexpected end");
        }

        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }

    public uint ReadVarUInt32()
    {
        uint result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    throw Malformed("integer representation too long");
                }

                if ((b & 0x70) != 0)
                {
                    throw Malformed("integer too large");
                }

                return result | ((uint)b << 28);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            shift += 7;
        }
    }

    public int ReadVarInt32()
    {
        var result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    throw Malformed("integer representation too long");
                }

                // The unused high bits of the last byte must repeat the sign bit (bit 3).
                var high = b & 0x70;
                var signBit = b & 0x08;
                if ((signBit == 0 && high != 0) || (signBit != 0 && high != 0x70))
                {
                    throw Malformed("integer too large");
                }

                return result | (b << 28);
            }

            result |= (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return (b & 0x40) != 0 ? result | (-1 << shift) : result;
            }
        }
    }

    public long ReadVarInt64()
    {
        long result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    throw Malformed("integer representation too long");
                }

                // Only bit 0 carries data; the rest must repeat it as the sign.
                if (b != 0 && b != 0x7F)
                {
                    throw Malformed("integer too large");
                }

                return result | ((long)b << 63);
            }

            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return (b & 0x40) != 0 && shift < 64 ? result | (-1L << shift) : result;
            }
        }
    }

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    throw Malformed("integer representation too long");
                }

                if ((b & 0x7E) != 0)
                {
                    throw Malformed("integer too large");
                }

                return result | ((ulong)b << 63);
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            shift += 7;
        }
    }

    /// <summary>Reads a signed 33-bit integer, the encoding of block types.</summary>
    public long ReadVarInt33()
    {
        long result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    throw Malformed("integer representation too long");
                }

                // 33 bits: 28 read, 5 in this byte (bit 4 is the sign); bits 5 and 6 repeat it.
                var high = b & 0x60;
                var signBit = b & 0x10;
                if ((signBit == 0 && high != 0) || (signBit != 0 && high != 0x60))
                {
                    throw Malformed("integer too large");
                }

                result |= (long)(b & 0x7F) << 28;
                return (signBit != 0) ? result | (-1L << 33) : result;
            }

            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return (b & 0x40) != 0 ? result | (-1L << shift) : result;
            }
        }
    }

    public uint ReadUInt32LittleEndian() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadUInt64LittleEndian() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public Vector128<byte> ReadVector128() => Vector128.Create(ReadBytes(16));

    /// <summary>Reads a length-prefixed UTF-8 name, rejecting invalid UTF-8 as the spec requires.</summary>
    public string ReadName()
    {
        var length = ReadVarUInt32();
        if (length > Remaining)
        {
            throw Malformed("unexpected end");
        }

        var bytes = ReadBytes((int)length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("malformed UTF-8 encoding");
        }
    }
}
