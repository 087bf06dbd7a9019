using System.Globalization;

namespace Weir.Hub.Registry;

/// <summary>A single <c>Range: bytes=…</c> request (RFC 9110); multiple ranges are served as the whole blob.</summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>
    /// Interprets a Range header for content of <paramref name="total"/> bytes. Returns null when the whole
    /// content should be sent (no header, several ranges, or a syntax the RFC says to ignore); sets
    /// <paramref name="unsatisfiable"/> when the range lies outside the content (→ 416).
    /// </summary>
    public static ByteRange? Parse(string? header, long total, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            if (suffix == 0 || total == 0)
            {
                unsatisfiable = true;
                return null;
            }

            var length = Math.Min(suffix, total);
            return new ByteRange(total - length, length);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        var end = total - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }

            end = Math.Min(end, total - 1);
        }

        if (start >= total)
        {
            unsatisfiable = true;
            return null;
        }

        return new ByteRange(start, end - start + 1);
    }
}
