using System.Text;

namespace Weir.Gateway.Upstream;

/// <summary>
/// Response header names common enough to keep as shared strings: a response head names them by bytes,
/// and finding the shared name (and the connection's cached last value, see <see cref="Http11Connection"/>)
/// saves allocating both strings on every response.
/// </summary>
internal static class KnownResponseHeaders
{
    private static readonly KnownHeader[] All =
    [
        new("Accept-Ranges", false),
        new("Access-Control-Allow-Credentials", false),
        new("Access-Control-Allow-Headers", false),
        new("Access-Control-Allow-Methods", false),
        new("Access-Control-Allow-Origin", false),
        new("Access-Control-Expose-Headers", false),
        new("Age", false),
        new("Allow", true),
        new("Alt-Svc", false),
        new("Cache-Control", false),
        new("Connection", false),
        new("Content-Disposition", true),
        new("Content-Encoding", true),
        new("Content-Language", true),
        new("Content-Length", true),
        new("Content-Location", true),
        new("Content-Range", true),
        new("Content-Security-Policy", false),
        new("Content-Type", true),
        new("Date", false),
        new("ETag", false),
        new("Expires", true),
        new("Keep-Alive", false),
        new("Last-Modified", true),
        new("Link", false),
        new("Location", false),
        new("Pragma", false),
        new("Proxy-Authenticate", false),
        new("Retry-After", false),
        new("Sec-WebSocket-Accept", false),
        new("Sec-WebSocket-Extensions", false),
        new("Sec-WebSocket-Protocol", false),
        new("Server", false),
        new("Set-Cookie", false),
        new("Strict-Transport-Security", false),
        new("Trailer", false),
        new("Transfer-Encoding", false),
        new("Upgrade", false),
        new("Vary", false),
        new("Via", false),
        new("WWW-Authenticate", false),
        new("X-Content-Type-Options", false),
        new("X-Frame-Options", false),
        new("X-Powered-By", false),
        new("X-XSS-Protection", false),
        new("grpc-encoding", false),
        new("grpc-message", false),
        new("grpc-status", false),
    ];

    // Candidates by name length and first letter, so a lookup compares against one name, rarely two.
    private static readonly int[][] Buckets = BuildIndex();

    public static int Count => All.Length;

    public static int ContentLength { get; } = IndexOf("Content-Length");

    public static int TransferEncoding { get; } = IndexOf("Transfer-Encoding");

    public static int Connection { get; } = IndexOf("Connection");

    public static KnownHeader Get(int index) => All[index];

    /// <summary>The index of the header named by <paramref name="name"/> (ASCII, any case), or -1.</summary>
    public static int Find(ReadOnlySpan<byte> name)
    {
        var bucket = name.IsEmpty ? 0 : Bucket(name.Length, name[0]);
        if (bucket >= Buckets.Length)
        {
            return -1;
        }

        foreach (var index in Buckets[bucket])
        {
            // Most servers write the usual case, which an exact comparison confirms fastest.
            if (name.SequenceEqual(All[index].Bytes) || Ascii.EqualsIgnoreCase(name, All[index].Bytes))
            {
                return index;
            }
        }

        return -1;
    }

    private static int IndexOf(string name) => Array.FindIndex(All, header => header.Name == name);

    private static int Bucket(int length, int first) => (length * 32) + ((first | 0x20) & 31);

    private static int[][] BuildIndex()
    {
        var index = new int[Bucket(All.Max(header => header.Name.Length) + 1, 0)][];
        for (var bucket = 0; bucket < index.Length; bucket++)
        {
            index[bucket] = Enumerable.Range(0, All.Length).Where(i => Bucket(All[i].Name.Length, All[i].Name[0]) == bucket).ToArray();
        }

        return index;
    }
}
