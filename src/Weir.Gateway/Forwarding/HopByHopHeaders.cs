using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// Headers that describe one connection rather than the message (RFC 9110 §7.6.1), which a proxy must
/// not forward, plus any header the message's own <c>Connection</c> header names.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly FrozenSet<string> Names = new[]
    {
        HeaderNames.Connection,
        HeaderNames.KeepAlive,
        "Proxy-Connection",
        HeaderNames.ProxyAuthenticate,
        HeaderNames.ProxyAuthorization,
        HeaderNames.TE,
        HeaderNames.Trailer,
        HeaderNames.TransferEncoding,
        HeaderNames.Upgrade,
        "HTTP2-Settings",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsHopByHop(string name) => Names.Contains(name);

    /// <summary>
    /// The extra header names a <c>Connection</c> header lists (beyond <c>close</c>, <c>keep-alive</c> and
    /// <c>upgrade</c>, which are hop-by-hop anyway), or null when there are none, the common case.
    /// </summary>
    public static string[]? ConnectionListed(StringValues connection)
    {
        if (connection.Count == 0)
        {
            return null;
        }

        List<string>? names = null;
        foreach (var value in connection)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsSpan()[range].Trim();
                if (token.IsEmpty || token.Equals("close", StringComparison.OrdinalIgnoreCase) || token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                (names ??= []).Add(token.ToString());
            }
        }

        return names?.ToArray();
    }

    public static bool IsListed(string[]? listed, string name)
    {
        if (listed is null)
        {
            return false;
        }

        foreach (var candidate in listed)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
