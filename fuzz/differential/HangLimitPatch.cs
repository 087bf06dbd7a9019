using Weir.Fuzz.Decoder;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Raises binaryen's hang limit. -ttf modules stop every loop and call chain after 10 steps in
/// total (the limit <c>hangLimitInitializer</c> sets), so most calls do very little; rewriting that
/// function's <c>i32.const 10</c> lets loops run longer while every call still ends.
/// </summary>
internal static class HangLimitPatch
{
    private const byte CodeSectionId = 10;

    /// <summary>The module with the hang limit set to <paramref name="limit"/>, or the module unchanged when its initializer does not have the expected shape.</summary>
    public static byte[] Apply(byte[] binary, int limit)
    {
        var definition = Differential.WeirExecutor.TryDecode(binary);
        var export = definition?.Exports.FirstOrDefault(e => e.Kind == ExternalKind.Function && e.Name == CallPlanner.ResetExportName);
        var sections = Section.Split(binary);
        if (definition is null || export is null || sections is null)
        {
            return binary;
        }

        var bodyIndex = (int)export.Index - definition.ImportedFunctionCount;
        var codeIndex = sections.FindIndex(s => s.Id == CodeSectionId);
        if (bodyIndex < 0 || codeIndex < 0)
        {
            return binary;
        }

        var content = sections[codeIndex].Content;
        if (!Leb128.TryRead(content, 0, out var count, out var offset) || bodyIndex >= count)
        {
            return binary;
        }

        for (var i = 0; i < bodyIndex; i++)
        {
            if (!Leb128.TryRead(content, offset, out var size, out var length))
            {
                return binary;
            }

            offset += length + (int)size;
        }

        if (!Leb128.TryRead(content, offset, out var bodySize, out var sizeLength))
        {
            return binary;
        }

        // Expected body: no locals; i32.const 10; global.set G; end.
        var body = content.AsSpan(offset + sizeLength, (int)bodySize);
        if (body.Length < 5 || body[0] != 0x00 || body[1] != 0x41 || body[2] != 0x0A || body[3] != 0x24 || body[^1] != 0x0B)
        {
            return binary;
        }

        byte[] patched = [0x00, 0x41, .. SignedLeb(limit), .. body[3..]];
        byte[] newContent = [.. content.AsSpan(0, offset), .. Leb128.Write((ulong)patched.Length), .. patched, .. content.AsSpan(offset + sizeLength + (int)bodySize)];
        sections[codeIndex] = sections[codeIndex] with { Content = newContent };
        return Section.Join(binary, sections);
    }

    private static byte[] SignedLeb(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                bytes.Add(b);
                return [.. bytes];
            }

            bytes.Add((byte)(b | 0x80));
        }
    }
}
