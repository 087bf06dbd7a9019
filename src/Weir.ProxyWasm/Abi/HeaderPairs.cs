using System.Buffers.Binary;
using System.Text;

namespace Weir.ProxyWasm.Abi;

/// <summary>
/// The ABI's serialized map ("pairs"): <c>u32 N</c>, then N × (<c>u32 key_len</c>, <c>u32 value_len</c>),
/// then each key and value followed by a NUL that the lengths do not count.
/// </summary>
internal static class HeaderPairs
{
    /// <summary>The largest serialized map accepted from a guest (as cpp-host).</summary>
    public const int MaximumBytes = 1 << 20;

    /// <summary>The most pairs accepted from a guest (as cpp-host).</summary>
    public const int MaximumPairs = 1024;

    /// <summary>
    /// Parses a guest map. Accepts the three empty forms in use (no bytes, one NUL byte, N = 0) and
    /// rejects anything malformed with a reason instead of silently producing an empty map.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, List<KeyValuePair<string, string>> pairs, out string? error)
    {
        error = null;
        if (data.Length == 0 || (data.Length == 1 && data[0] == 0))
        {
            return true;
        }

        if (data.Length > MaximumBytes)
        {
            error = $"the serialized map is {data.Length} bytes, more than the {MaximumBytes} allowed";
            return false;
        }

        if (data.Length < 4)
        {
            error = $"the serialized map is {data.Length} bytes, too short for its pair count";
            return false;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (count > MaximumPairs)
        {
            error = $"the serialized map has {count} pairs, more than the {MaximumPairs} allowed";
            return false;
        }

        var dataOffset = 4L + (8L * count);
        if (dataOffset > data.Length)
        {
            error = $"the serialized map declares {count} pairs but is only {data.Length} bytes";
            return false;
        }

        var cursor = (int)dataOffset;
        for (var i = 0; i < count; i++)
        {
            var keyLength = BinaryPrimitives.ReadUInt32LittleEndian(data[(4 + (8 * i))..]);
            var valueLength = BinaryPrimitives.ReadUInt32LittleEndian(data[(8 + (8 * i))..]);
            if (!TryReadItem(data, ref cursor, keyLength, out var key) || !TryReadItem(data, ref cursor, valueLength, out var value))
            {
                error = $"pair {i} of the serialized map runs past its end or lacks its NUL terminator";
                return false;
            }

            pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        if (cursor != data.Length)
        {
            error = $"the serialized map has {data.Length - cursor} bytes after its last pair";
            return false;
        }

        return true;
    }

    /// <summary>The exact serialized size of a map.</summary>
    public static int GetSerializedSize(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var size = 4;
        foreach (var (key, value) in pairs)
        {
            size += 8 + Encoding.UTF8.GetByteCount(key) + 1 + Encoding.UTF8.GetByteCount(value) + 1;
        }

        return size;
    }

    /// <summary>Writes the serialized map into <paramref name="destination"/>, which must be exactly <see cref="GetSerializedSize"/> bytes.</summary>
    public static void Serialize(IReadOnlyList<KeyValuePair<string, string>> pairs, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)pairs.Count);
        var cursor = 4 + (8 * pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, value) = pairs[i];
            var keyLength = Encoding.UTF8.GetBytes(key, destination[cursor..]);
            destination[cursor + keyLength] = 0;
            cursor += keyLength + 1;
            var valueLength = Encoding.UTF8.GetBytes(value, destination[cursor..]);
            destination[cursor + valueLength] = 0;
            cursor += valueLength + 1;
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(4 + (8 * i))..], (uint)keyLength);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(8 + (8 * i))..], (uint)valueLength);
        }
    }

    /// <summary>The serialized map as a new array.</summary>
    public static byte[] ToArray(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var bytes = new byte[GetSerializedSize(pairs)];
        Serialize(pairs, bytes);
        return bytes;
    }

    private static bool TryReadItem(ReadOnlySpan<byte> data, ref int cursor, uint length, out string text)
    {
        text = string.Empty;
        if ((long)cursor + length + 1 > data.Length || data[cursor + (int)length] != 0)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(data.Slice(cursor, (int)length));
        cursor += (int)length + 1;
        return true;
    }
}
