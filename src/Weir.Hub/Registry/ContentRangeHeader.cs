using System.Globalization;
using System.Net;

namespace Weir.Hub.Registry;

/// <summary>The <c>Content-Range: &lt;start&gt;-&lt;end&gt;</c> of a chunk (inclusive, no unit, as the distribution spec writes it).</summary>
internal readonly record struct ContentRangeHeader(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>Parses the header; null when absent. A <c>bytes </c> or <c>bytes=</c> prefix is tolerated.</summary>
    /// <exception cref="RegistryException">The header is malformed (416, as for any unusable range).</exception>
    public static ContentRangeHeader? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        if (text.StartsWith("bytes", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..].TrimStart(' ', '=');
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            throw new RegistryException(
                HttpStatusCode.RequestedRangeNotSatisfiable,
                RegistryErrorCode.RangeInvalid,
                "Content-Range must be '<start>-<end>' with start <= end",
                new { contentRange = header });
        }

        return new ContentRangeHeader(start, end);
    }
}
