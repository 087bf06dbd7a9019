using Microsoft.AspNetCore.Http;

namespace Weir.Hub.Registry;

/// <summary>
/// Reads query parameters with plain percent-decoding. ASP.NET Core's query collection decodes
/// <c>+</c> as a space (form encoding), which would corrupt digests such as <c>sha256+b64:…</c>.
/// </summary>
internal static class RawQuery
{
    /// <summary>The first value of <paramref name="name"/>, decoded; null when absent.</summary>
    public static string? Get(HttpRequest request, string name)
    {
        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.AsSpan(1).ToString().Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals >= 0 ? pair[..equals] : pair;
            if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
            {
                return equals >= 0 ? Uri.UnescapeDataString(pair[(equals + 1)..]) : string.Empty;
            }
        }

        return null;
    }
}
