using System.Globalization;
using System.Runtime.InteropServices;

namespace Weir.Fuzz.Differential;

/// <summary>
/// A cheap fingerprint of a whole linear memory, computed identically by <c>digest</c> in
/// v8-harness.js: the page count and two 32-bit hashes over the little-endian 32-bit words.
/// </summary>
internal static class MemoryDigest
{
    public static string Compute(ReadOnlySpan<byte> memory)
    {
        var words = MemoryMarshal.Cast<byte, int>(memory);
        var first = unchecked((int)0x811c9dc5);
        var second = 0x2545f491;
        foreach (var word in words)
        {
            first = unchecked((first ^ word) * 0x01000193);
            second = unchecked((second * 31) + word);
        }

        var pages = memory.Length / 65536;
        return string.Create(CultureInfo.InvariantCulture, $"{pages}:{(uint)first:x8}{(uint)second:x8}");
    }
}
