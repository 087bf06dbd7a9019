namespace Weir.Fuzz.Decoder;

/// <summary>
/// Damages valid modules in the ways that stress a decoder: bit flips, truncation, section
/// reordering, overlong LEB128s, huge counts and sizes, splices, crossover between seeds, stray
/// opcodes. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[] InterestingValues = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x41, 0xC0, 0x3F, 0x60, 0x70, 0x6F, 0x7B, 0x0B, 0x05, 0x10, 0x11];

    private static readonly uint[] HugeCounts = [0xFFFF_FFFF, 0x7FFF_FFFF, 0x1000_0000, 0x00FF_FFFF, 100_001, 1_000_001, 50_001, 65_536, 10_000_001];

    private static readonly byte[] Prefixes = [0xFC, 0xFD];

    private static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();

    private readonly IReadOnlyList<byte[]> _corpus;

    public Mutator(IReadOnlyList<byte[]> corpus)
    {
        _corpus = corpus;
    }

    /// <summary>Applies one to three mutations to <paramref name="seed"/>; <paramref name="applied"/> says which.</summary>
    public byte[] Mutate(byte[] seed, Random random, List<MutationKind> applied)
    {
        var current = seed;
        var rounds = 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
        for (var i = 0; i < rounds; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            applied.Add(kind);
            current = Apply(kind, current, random);
        }

        return current;
    }

    private byte[] Apply(MutationKind kind, byte[] input, Random random) => kind switch
    {
        MutationKind.FlipBits => FlipBits(input, random),
        MutationKind.InterestingBytes => InterestingBytes(input, random),
        MutationKind.Truncate => input.Length == 0 ? input : input[..random.Next(input.Length)],
        MutationKind.ReorderSections => WithSections(input, random, ReorderSections),
        MutationKind.OverlongLeb => WithSections(input, random, OverlongLeb),
        MutationKind.HugeCount => WithSections(input, random, HugeCount),
        MutationKind.WrongSectionSize => WrongSectionSize(input, random),
        MutationKind.Splice => Splice(input, random),
        MutationKind.Crossover => WithSections(input, random, Crossover),
        _ => WithSections(input, random, Opcode),
    };

    private static byte[] FlipBits(byte[] input, Random random)
    {
        var output = (byte[])input.Clone();
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips && output.Length > 0; i++)
        {
            output[random.Next(output.Length)] ^= (byte)(1 << random.Next(8));
        }

        return output;
    }

    private static byte[] InterestingBytes(byte[] input, Random random)
    {
        var output = (byte[])input.Clone();
        var writes = random.Next(1, 4);
        for (var i = 0; i < writes && output.Length > 8; i++)
        {
            output[random.Next(8, output.Length)] = InterestingValues[random.Next(InterestingValues.Length)];
        }

        return output;
    }

    private static byte[] Splice(byte[] input, Random random)
    {
        if (input.Length < 9)
        {
            return input;
        }

        var start = random.Next(8, input.Length);
        var length = Math.Min(random.Next(1, 64), input.Length - start);
        return random.Next(3) switch
        {
            0 => [.. input[..start], .. input[(start + length)..]],
            1 => [.. input[..start], .. input.AsSpan(start, length), .. input[start..]],
            _ => [.. input[..start], .. RandomBytes(random, length), .. input[start..]],
        };
    }

    private static byte[] WrongSectionSize(byte[] input, Random random)
    {
        var sections = Section.Split(input);
        if (sections is null || sections.Count == 0)
        {
            return FlipBits(input, random);
        }

        // Rewrite one section's size field in place of the right one.
        var target = random.Next(sections.Count);
        var output = new List<byte>(input[..8]);
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            output.Add(section.Id);
            var size = (ulong)section.Content.Length;
            if (i == target)
            {
                size = random.Next(3) switch
                {
                    0 => size + (ulong)random.Next(1, 16),
                    1 => size == 0 ? 1 : size - (ulong)random.Next(1, (int)Math.Min(size, 16) + 1),
                    _ => HugeCounts[random.Next(HugeCounts.Length)],
                };
            }

            output.AddRange(Leb128.Write(size));
            output.AddRange(section.Content);
        }

        return [.. output];
    }

    private byte[] WithSections(byte[] input, Random random, Func<byte[], List<Section>, Random, byte[]> mutation)
    {
        var sections = Section.Split(input);
        return sections is null || sections.Count == 0 ? FlipBits(input, random) : mutation(input, sections, random);
    }

    private static byte[] ReorderSections(byte[] input, List<Section> sections, Random random)
    {
        var index = random.Next(sections.Count);
        var section = sections[index];
        switch (random.Next(4))
        {
            case 0:
                var other = random.Next(sections.Count);
                (sections[index], sections[other]) = (sections[other], sections[index]);
                break;
            case 1:
                sections.RemoveAt(index);
                sections.Insert(random.Next(sections.Count + 1), section);
                break;
            case 2:
                sections.Insert(random.Next(sections.Count + 1), section);
                break;
            default:
                sections.RemoveAt(index);
                break;
        }

        return Section.Join(input, sections);
    }

    private static byte[] OverlongLeb(byte[] input, List<Section> sections, Random random)
    {
        var target = sections[random.Next(sections.Count)];
        var padding = random.Next(1, 6);
        if (random.Next(2) == 0)
        {
            return Section.Join(input, sections, section => ReferenceEquals(section, target) ? padding : 0);
        }

        // Pad the leading count of the section's content instead, keeping the section size right.
        var content = target.Content;
        if (!Leb128.TryRead(content, 0, out var count, out var length))
        {
            return Section.Join(input, sections, section => ReferenceEquals(section, target) ? padding : 0);
        }

        var index = sections.IndexOf(target);
        sections[index] = target with { Content = [.. Leb128.Write(count, padding), .. content[length..]] };
        return Section.Join(input, sections);
    }

    private static byte[] HugeCount(byte[] input, List<Section> sections, Random random)
    {
        var index = random.Next(sections.Count);
        var content = sections[index].Content;
        var skip = Leb128.TryRead(content, 0, out _, out var length) ? length : 0;
        sections[index] = sections[index] with { Content = [.. Leb128.Write(HugeCounts[random.Next(HugeCounts.Length)]), .. content[skip..]] };
        return Section.Join(input, sections);
    }

    private byte[] Crossover(byte[] input, List<Section> sections, Random random)
    {
        var donor = Section.Split(_corpus[random.Next(_corpus.Count)]);
        if (donor is null || donor.Count == 0)
        {
            return FlipBits(input, random);
        }

        var section = donor[random.Next(donor.Count)];
        var replaced = sections.FindIndex(s => s.Id == section.Id);
        if (replaced >= 0 && random.Next(2) == 0)
        {
            sections[replaced] = section;
        }
        else
        {
            sections.Insert(random.Next(sections.Count + 1), section);
        }

        return Section.Join(input, sections);
    }

    private static byte[] Opcode(byte[] input, List<Section> sections, Random random)
    {
        const byte codeSectionId = 10;
        var index = sections.FindIndex(s => s.Id == codeSectionId);
        if (index < 0 || sections[index].Content.Length < 4)
        {
            return FlipBits(input, random);
        }

        var content = (byte[])sections[index].Content.Clone();
        var position = random.Next(1, content.Length);
        byte[] opcode = random.Next(2) == 0
            ? [(byte)random.Next(256)]
            : [Prefixes[random.Next(Prefixes.Length)], .. Leb128.Write((ulong)random.Next(0x120))];
        var end = Math.Min(content.Length, position + opcode.Length);
        opcode.AsSpan(0, end - position).CopyTo(content.AsSpan(position));
        sections[index] = sections[index] with { Content = content };
        return Section.Join(input, sections);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
