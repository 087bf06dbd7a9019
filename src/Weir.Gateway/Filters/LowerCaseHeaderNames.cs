using System.Collections.Frozen;
using Microsoft.Net.Http.Headers;

namespace Weir.Gateway.Filters;

/// <summary>
/// Lower-case spellings of common header names, shared instead of lower-casing each name of each
/// request again (Kestrel and HttpClient hand out canonical mixed-case names; filters see lower case).
/// </summary>
internal static class LowerCaseHeaderNames
{
    private static readonly FrozenDictionary<string, string> Known = new[]
    {
        HeaderNames.Accept, HeaderNames.AcceptCharset, HeaderNames.AcceptEncoding, HeaderNames.AcceptLanguage, HeaderNames.AcceptRanges,
        HeaderNames.AccessControlAllowOrigin, HeaderNames.Age, HeaderNames.Allow, HeaderNames.Authorization, HeaderNames.CacheControl,
        HeaderNames.ContentDisposition, HeaderNames.ContentEncoding, HeaderNames.ContentLanguage, HeaderNames.ContentLength,
        HeaderNames.ContentLocation, HeaderNames.ContentRange, HeaderNames.ContentType, HeaderNames.Cookie, HeaderNames.Date,
        HeaderNames.ETag, HeaderNames.Expect, HeaderNames.Expires, HeaderNames.GrpcEncoding, HeaderNames.GrpcMessage, HeaderNames.GrpcStatus,
        HeaderNames.Host, HeaderNames.IfMatch, HeaderNames.IfModifiedSince, HeaderNames.IfNoneMatch, HeaderNames.IfRange,
        HeaderNames.IfUnmodifiedSince, HeaderNames.LastModified, HeaderNames.Link, HeaderNames.Location, HeaderNames.Origin,
        HeaderNames.Pragma, HeaderNames.Range, HeaderNames.Referer, HeaderNames.RequestId, HeaderNames.RetryAfter, HeaderNames.Server,
        HeaderNames.SetCookie, HeaderNames.StrictTransportSecurity, HeaderNames.TraceParent, HeaderNames.TraceState, HeaderNames.UserAgent,
        HeaderNames.Vary, HeaderNames.Via, HeaderNames.WWWAuthenticate, HeaderNames.XContentTypeOptions, HeaderNames.XFrameOptions,
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-ID",
    }.ToFrozenDictionary(name => name, name => name.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>The lower-case form of <paramref name="name"/>, allocated only for names outside the common set that have capitals.</summary>
    public static string Lower(string name)
    {
        if (Known.TryGetValue(name, out var lower))
        {
            return lower;
        }

        foreach (var character in name)
        {
            if (char.IsAsciiLetterUpper(character))
            {
                return name.ToLowerInvariant();
            }
        }

        return name;
    }
}
