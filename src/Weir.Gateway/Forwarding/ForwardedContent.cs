using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Weir.Gateway.Upstream;

namespace Weir.Gateway.Forwarding;

/// <summary>A request body being streamed upstream, with what the forwarder needs to know about it.</summary>
internal abstract class ForwardedContent : HttpContent, IRequestTrailersSource
{
    /// <summary>Whether sending began; an attempt whose body was (partly) sent cannot be retried.</summary>
    public bool Started { get; protected set; }

    public long BytesSent { get; protected set; }

    /// <summary>Set when reading the client's body failed (as opposed to writing to the upstream).</summary>
    public Exception? ClientFailure { get; protected set; }

    /// <summary>
    /// Reads the trailers to forward once the body was sent (the client's, or what filters made of them);
    /// null forwards none. Only <see cref="Http11UpstreamHandler"/> sends them, on a chunked body.
    /// </summary>
    public Func<IEnumerable<KeyValuePair<string, string>>>? TrailerSource { get; init; }

    /// <summary>The client's request trailers, read when its body has ended (null when its connection cannot carry any).</summary>
    public static Func<IEnumerable<KeyValuePair<string, string>>>? ClientTrailers(HttpContext context) =>
        context.Features.Get<IHttpRequestTrailersFeature>() is { } feature ? () => Flatten(feature) : null;

    IEnumerable<KeyValuePair<string, string>> IRequestTrailersSource.GetTrailers()
    {
        if (TrailerSource?.Invoke() is not { } trailers)
        {
            yield break;
        }

        foreach (var trailer in trailers)
        {
            // Framing, routing and connection fields are not allowed in trailers (RFC 9110 §6.5.1).
            if (trailer.Key.StartsWith(':') || HopByHopHeaders.IsHopByHop(trailer.Key)
                || string.Equals(trailer.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)
                || string.Equals(trailer.Key, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return trailer;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        // Unknown up front: the Content-Length header, when the client sent one, is copied explicitly.
        length = 0;
        return false;
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IHttpRequestTrailersFeature feature)
    {
        if (!feature.Available)
        {
            yield break;
        }

        foreach (var (name, values) in feature.Trailers)
        {
            foreach (var value in values)
            {
                yield return new KeyValuePair<string, string>(name, value ?? string.Empty);
            }
        }
    }
}
