namespace Weir.Fuzz.Decoder;

/// <summary>One section of a binary as the mutator sees it: its id and content (the size is recomputed when written).</summary>
internal sealed record Section(byte Id, byte[] Content)
{
    /// <summary>Splits a binary after its 8-byte header into sections, or returns null when the layout is already broken.</summary>
    public static List<Section>? Split(byte[] binary)
    {
        if (binary.Length < 8)
        {
            return null;
        }

        var sections = new List<Section>();
        var offset = 8;
        while (offset < binary.Length)
        {
            var id = binary[offset++];
            if (!Leb128.TryRead(binary, offset, out var size, out var length) || offset + length + size > binary.Length)
            {
                return null;
            }

            offset += length;
            sections.Add(new Section(id, binary.AsSpan(offset, (int)size).ToArray()));
            offset += (int)size;
        }

        return sections;
    }

    /// <summary>The header of <paramref name="original"/> followed by the sections, each with its size as a LEB128 padded by <paramref name="sizePadding"/> bytes.</summary>
    public static byte[] Join(byte[] original, IEnumerable<Section> sections, Func<Section, int>? sizePadding = null)
    {
        var output = new List<byte>(original.Length + 16);
        output.AddRange(original.AsSpan(0, Math.Min(8, original.Length)));
        foreach (var section in sections)
        {
            output.Add(section.Id);
            output.AddRange(Leb128.Write((ulong)section.Content.Length, sizePadding?.Invoke(section) ?? 0));
            output.AddRange(section.Content);
        }

        return [.. output];
    }
}
