using System.Globalization;

namespace Weir.ProxyWasm;

/// <summary>
/// An <see cref="IHttpStream"/> held entirely in memory, for tests and for hosts that filter
/// exchanges they already have in full.
/// </summary>
public sealed class InMemoryHttpStream : IHttpStream
{
    /// <summary>Creates a request with the pseudo-headers <c>:method</c>, <c>:path</c>, <c>:authority</c> and <c>:scheme</c>.</summary>
    public InMemoryHttpStream(string method = "GET", string path = "/", string authority = "localhost", string scheme = "http")
    {
        RequestHeaders.Add(":method", method);
        RequestHeaders.Add(":path", path);
        RequestHeaders.Add(":authority", authority);
        RequestHeaders.Add(":scheme", scheme);
    }

    /// <inheritdoc />
    public HeaderMap RequestHeaders { get; } = new();

    /// <inheritdoc />
    public HeaderMap RequestTrailers { get; } = new();

    /// <inheritdoc />
    public HeaderMap ResponseHeaders { get; } = new();

    /// <inheritdoc />
    public HeaderMap ResponseTrailers { get; } = new();

    /// <inheritdoc />
    public HttpStreamInfo Info { get; set; } = HttpStreamInfo.Empty;

    /// <summary>Extra properties by dotted path (for example <c>upstream.address</c>).</summary>
    public Dictionary<string, PropertyValue> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times a filter cleared the route cache.</summary>
    public int RouteCacheClears { get; private set; }

    /// <summary>Sets the response's <c>:status</c>.</summary>
    public InMemoryHttpStream WithResponseStatus(int statusCode)
    {
        ResponseHeaders.Set(":status", statusCode.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <inheritdoc />
    public bool TryGetProperty(IReadOnlyList<string> path, out PropertyValue value) =>
        Properties.TryGetValue(string.Join('.', path), out value);

    /// <inheritdoc />
    public void ClearRouteCache() => RouteCacheClears++;
}
