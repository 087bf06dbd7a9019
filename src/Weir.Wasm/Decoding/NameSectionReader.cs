using System.Collections.Immutable;
using Weir.Wasm.Model;

namespace Weir.Wasm.Decoding;

/// <summary>
/// Decodes the "name" custom section (module, function and local names). The section is debugging
/// information: the spec says a malformed one must not make the module malformed, so any problem
/// makes the reader give up on the whole section instead of throwing.
/// </summary>
internal static class NameSectionReader
{
    private const byte ModuleSubsection = 0;
    private const byte FunctionSubsection = 1;
    private const byte LocalSubsection = 2;

    /// <summary>Decodes the content (after the section name), or returns null when it is malformed.</summary>
    public static NameSection? TryRead(ReadOnlySpan<byte> content, int baseOffset)
    {
        try
        {
            return Read(content, baseOffset);
        }
        catch (WasmMalformedException)
        {
            return null;
        }
    }

    private static NameSection Read(ReadOnlySpan<byte> content, int baseOffset)
    {
        var reader = new WasmReader(content, baseOffset);
        string? moduleName = null;
        var functionNames = ImmutableDictionary<uint, string>.Empty;
        var localNames = ImmutableDictionary<uint, ImmutableDictionary<uint, string>>.Empty;
        var previousId = -1;
        while (!reader.AtEnd)
        {
            var id = reader.ReadByte();
            var size = reader.ReadLength();
            var subsection = new WasmReader(reader.ReadBytes(size), reader.Offset - size);
            if (id <= LocalSubsection && id <= previousId)
            {
                // The known subsections appear at most once each, in order.
                throw reader.Malformed("name subsection out of order");
            }

            switch (id)
            {
                case ModuleSubsection:
                    moduleName = subsection.ReadName();
                    previousId = id;
                    break;
                case FunctionSubsection:
                    functionNames = ReadNameMap(ref subsection);
                    previousId = id;
                    break;
                case LocalSubsection:
                {
                    var count = subsection.ReadLength();
                    var builder = ImmutableDictionary.CreateBuilder<uint, ImmutableDictionary<uint, string>>();
                    for (var i = 0; i < count; i++)
                    {
                        var functionIndex = subsection.ReadVarUInt32();
                        builder[functionIndex] = ReadNameMap(ref subsection);
                    }

                    localNames = builder.ToImmutable();
                    previousId = id;
                    break;
                }

                default:
                    // Later extensions (label, type, table names...) are skipped whole.
                    continue;
            }

            if (!subsection.AtEnd)
            {
                throw subsection.Malformed("name subsection size mismatch");
            }
        }

        return new NameSection(moduleName, functionNames, localNames);
    }

    private static ImmutableDictionary<uint, string> ReadNameMap(ref WasmReader reader)
    {
        var count = reader.ReadLength();
        var builder = ImmutableDictionary.CreateBuilder<uint, string>();
        for (var i = 0; i < count; i++)
        {
            var index = reader.ReadVarUInt32();
            builder[index] = reader.ReadName();
        }

        return builder.ToImmutable();
    }
}
