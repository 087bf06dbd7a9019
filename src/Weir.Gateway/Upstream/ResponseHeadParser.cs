using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;

namespace Weir.Gateway.Upstream;

/// <summary>
/// Span-level parsing of HTTP/1.x response heads, chunk headers and trailer sections (RFC 9112), straight
/// from a connection's read buffer. Lines end with CRLF; a bare LF is accepted as well, as most servers and
/// proxies do. Anything that could let a response be read two ways (folded lines, whitespace before a colon,
/// control characters) is rejected.
/// </summary>
internal static class ResponseHeadParser
{
    // Field names are tokens (RFC 9110 §5.6.2).
    private static readonly SearchValues<byte> TokenBytes = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Field values may hold visible characters, spaces, tabs and obs-text, nothing else below 0x20 or DEL.
    private static readonly SearchValues<byte> ForbiddenValueBytes = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F"u8);

    /// <summary>
    /// The length of the header section at the start of <paramref name="data"/> up to and including the empty
    /// line that ends it, or -1 when that line has not arrived yet.
    /// </summary>
    public static int FindEnd(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            var newline = data[position..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            var lineLength = newline;
            if (lineLength == 0 || (lineLength == 1 && data[position] == (byte)'\r'))
            {
                return position + newline + 1;
            }

            position += newline + 1;
        }

        return -1;
    }

    /// <summary>Splits off the next line (without its line end) from <paramref name="head"/>.</summary>
    public static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> head)
    {
        var newline = head.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (newline < 0)
        {
            line = head;
            head = default;
        }
        else
        {
            line = head[..newline];
            head = head[(newline + 1)..];
        }

        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    /// <summary>Parses <c>HTTP/1.x SSS reason</c>.</summary>
    public static void ParseStatusLine(ReadOnlySpan<byte> line, out Version version, out int status, out ReadOnlySpan<byte> reason)
    {
        // "HTTP/1.1 200" is the shortest valid line (the reason phrase may be empty, even without its space).
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' ' || !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11])
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            throw Invalid($"the status line '{Printable(line)}' is not HTTP/1.x");
        }

        version = line[7] switch
        {
            (byte)'1' => HttpVersion.Version11,
            (byte)'0' => HttpVersion.Version10,
            _ => throw Invalid($"the status line '{Printable(line)}' has an unknown HTTP version"),
        };
        status = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
        if (status < 100)
        {
            throw Invalid($"the status code {status} is not valid");
        }

        reason = line.Length > 13 ? line[13..] : default;
    }

    /// <summary>Splits a field line into its name and its value without surrounding whitespace.</summary>
    public static void ParseFieldLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw Invalid(line.Length > 0 && line[0] is (byte)' ' or (byte)'\t'
                ? "the response has a folded header line (obsolete line folding is not accepted)"
                : $"the header line '{Printable(line)}' has no name");
        }

        name = line[..colon];
        if (name.ContainsAnyExcept(TokenBytes))
        {
            throw Invalid($"the header name '{Printable(name)}' is not a token");
        }

        value = line[(colon + 1)..].Trim(" \t"u8);
        if (value.ContainsAny(ForbiddenValueBytes))
        {
            throw Invalid($"the value of header '{Printable(name)}' holds a control character");
        }
    }

    /// <summary>
    /// Parses a chunk-size line (<c>hex[;extensions]CRLF</c>); false when the line has not arrived yet.
    /// </summary>
    public static bool TryParseChunkHeader(ReadOnlySpan<byte> data, out long size, out int consumed)
    {
        var newline = data.IndexOf((byte)'\n');
        if (newline < 0)
        {
            size = 0;
            consumed = 0;
            return false;
        }

        var line = data[..newline];
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        var extensions = line.IndexOf((byte)';');
        var digits = (extensions < 0 ? line : line[..extensions]).TrimEnd(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out size, out var used, 'X') || used != digits.Length)
        {
            throw Invalid($"the chunk size line '{Printable(line)}' is not valid");
        }

        consumed = newline + 1;
        return true;
    }

    /// <summary>Whether a comma-separated header value lists <paramref name="token"/> (any case).</summary>
    public static bool ListContains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the last transfer coding of a Transfer-Encoding value is <c>chunked</c>.</summary>
    public static bool EndsWithChunked(ReadOnlySpan<byte> value)
    {
        var comma = value.LastIndexOf((byte)',');
        var last = (comma < 0 ? value : value[(comma + 1)..]).Trim(" \t"u8);
        return Ascii.EqualsIgnoreCase(last, "chunked"u8);
    }

    public static long ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 18 || !Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0 || value[0] is (byte)'+' or (byte)'-')
        {
            throw Invalid($"the Content-Length '{Printable(value)}' is not a number of bytes");
        }

        return length;
    }

    public static HttpRequestException Invalid(string message) =>
        new(HttpRequestError.InvalidResponse, "the upstream's response is not valid HTTP/1.1: " + message);

    private static bool IsDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes.Length > 80 ? bytes[..80] : bytes;
        var text = Encoding.Latin1.GetString(shown);
        return string.Create(text.Length, text, static (target, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = source[i] is < ' ' or > '~' ? '?' : source[i];
            }
        }) + (bytes.Length > shown.Length ? "…" : string.Empty);
    }
}
