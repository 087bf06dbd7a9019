using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Weir.Gateway.Forwarding;

/// <summary>Copies an upstream response's status, headers and trailers to the client's response, without hop-by-hop headers.</summary>
internal static class ResponseHeaderCopier
{
    public static void CopyStatusAndHeaders(HttpResponseMessage upstream, HttpResponse response)
    {
        response.StatusCode = (int)upstream.StatusCode;
        var switching = response.StatusCode == StatusCodes.Status101SwitchingProtocols;
        string[]? listed = null;
        if (upstream.Headers.NonValidated.TryGetValues(HeaderNames.Connection, out var connection))
        {
            listed = HopByHopHeaders.ConnectionListed(ToStringValues(connection));
        }

        Copy(upstream.Headers.NonValidated, response.Headers, listed, switching);
        Copy(upstream.Content.Headers.NonValidated, response.Headers, listed, switching);
    }

    /// <summary>Copies trailers when the upstream sent some and the client's protocol can carry them (HTTP/2).</summary>
    public static void CopyTrailers(HttpResponseMessage upstream, HttpResponse response)
    {
        var trailers = upstream.TrailingHeaders.NonValidated;
        if (trailers.Count == 0 || !response.SupportsTrailers())
        {
            return;
        }

        foreach (var (name, values) in trailers)
        {
            if (!HopByHopHeaders.IsHopByHop(name))
            {
                response.AppendTrailer(name, ToStringValues(values));
            }
        }
    }

    public static StringValues ToStringValues(HeaderStringValues values)
    {
        if (values.Count == 1)
        {
            // A single value is stored as a string; ToString returns it without joining.
            return new StringValues(values.ToString());
        }

        var array = new string[values.Count];
        var index = 0;
        foreach (var value in values)
        {
            array[index++] = value;
        }

        return new StringValues(array);
    }

    private static void Copy(HttpHeadersNonValidated source, IHeaderDictionary target, string[]? listed, bool switching)
    {
        foreach (var (name, values) in source)
        {
            if (HopByHopHeaders.IsHopByHop(name))
            {
                // A 101 answer must keep Upgrade (Kestrel writes Connection itself).
                if (!(switching && string.Equals(name, HeaderNames.Upgrade, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
            }
            else if (HopByHopHeaders.IsListed(listed, name))
            {
                continue;
            }

            target[name] = ToStringValues(values);
        }
    }
}
