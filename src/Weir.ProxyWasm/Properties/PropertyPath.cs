using System.Text;

namespace Weir.ProxyWasm.Properties;

/// <summary>Property paths: segments joined with NUL on the wire (<c>request\0headers\0:path</c>).</summary>
internal static class PropertyPath
{
    private static readonly HashSet<string> DottedRoots = new(StringComparer.Ordinal)
    {
        "request", "response", "source", "destination", "connection", "node", "upstream",
    };

    public static List<string> Parse(ReadOnlySpan<byte> path)
    {
        var segments = new List<string>();
        while (true)
        {
            var separator = path.IndexOf((byte)0);
            if (separator < 0)
            {
                segments.Add(Encoding.UTF8.GetString(path));
                return segments;
            }

            segments.Add(Encoding.UTF8.GetString(path[..separator]));
            path = path[(separator + 1)..];
        }
    }

    /// <summary>
    /// The dotted spelling of Envoy's documentation (<c>request.path</c>) as segments, for filters that
    /// send it as one segment; header and metadata names after the map keep their dots.
    /// </summary>
    public static List<string>? SplitDotted(List<string> segments)
    {
        if (segments.Count != 1 || segments[0].IndexOf('.', StringComparison.Ordinal) <= 0)
        {
            return null;
        }

        var parts = segments[0].Split('.');
        if (!DottedRoots.Contains(parts[0]))
        {
            return null;
        }

        var keyed = parts.Length > 2 && parts[1] is "headers" or "trailers" or "metadata";
        return keyed ? [parts[0], parts[1], string.Join('.', parts[2..])] : [.. parts];
    }
}
