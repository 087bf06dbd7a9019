namespace Weir.Gateway.Tests.Upstream;

/// <summary>A request as a <see cref="RawConnection"/> received it: the head's exact text, the body, and for a chunked body its chunk sizes and trailers.</summary>
internal sealed class RawRequest
{
    public RawRequest(string head)
    {
        Head = head;
        var lines = head.Split("\r\n");
        RequestLine = lines[0];
        foreach (var line in lines.Skip(1).Where(line => line.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Headers.Add(new KeyValuePair<string, string>(line[..colon], line[(colon + 1)..].Trim()));
        }
    }

    /// <summary>The head exactly as received, up to and including the empty line.</summary>
    public string Head { get; }

    public string RequestLine { get; }

    /// <summary>Header lines in order, names as sent.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public byte[] Body { get; set; } = [];

    public List<int> ChunkSizes { get; } = [];

    public Dictionary<string, string> Trailers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Header(string name) =>
        Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();
}
