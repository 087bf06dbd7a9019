namespace Weir.Fuzz.Decoder;

/// <summary>LEB128 reading and writing for the mutator, including the overlong forms the format forbids.</summary>
internal static class Leb128
{
    /// <summary>Reads an unsigned LEB128 of at most 5 bytes; false when the bytes end or it is longer.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int offset, out uint value, out int length)
    {
        value = 0;
        length = 0;
        var shift = 0;
        while (offset + length < bytes.Length && length < 5)
        {
            var b = bytes[offset + length];
            length++;
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }

            shift += 7;
        }

        return false;
    }

    /// <summary>The shortest encoding of <paramref name="value"/> followed by <paramref name="padding"/> redundant continuation bytes.</summary>
    public static byte[] Write(ulong value, int padding = 0)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }
        while (value != 0);

        for (var i = 0; i < padding; i++)
        {
            bytes.Add(0x80);
        }

        // The padding bytes encode zero bits; the last byte must end the number.
        bytes[^1] &= 0x7F;
        return [.. bytes];
    }
}
