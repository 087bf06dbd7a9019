namespace Weir.ProxyWasm;

/// <summary>
/// The server's side of one HTTP exchange, as proxy-wasm filters see it: the request and response
/// header and trailer maps (which filters read and modify in place), connection facts and extra
/// properties. The gateway implements it over its server; <see cref="InMemoryHttpStream"/> is the
/// in-memory implementation. Body chunks, pausing, resuming and local responses travel through
/// <see cref="HttpFilterStream"/>: the gateway hands it each event and acts on the
/// <see cref="FilterOutcome"/> it returns (a paused filter's outcome completes when it resumes).
/// </summary>
public interface IHttpStream
{
    /// <summary>Request headers including <c>:method</c>, <c>:path</c>, <c>:authority</c> and <c>:scheme</c>.</summary>
    HeaderMap RequestHeaders { get; }

    /// <summary>Request trailers (empty when there are none; a filter may add some at the end of the body).</summary>
    HeaderMap RequestTrailers { get; }

    /// <summary>Response headers including <c>:status</c> (empty until the response starts).</summary>
    HeaderMap ResponseHeaders { get; }

    /// <summary>Response trailers.</summary>
    HeaderMap ResponseTrailers { get; }

    /// <summary>Connection and route facts.</summary>
    HttpStreamInfo Info { get; }

    /// <summary>
    /// Resolves a property the host knows beyond the built-in ones (Weir resolves <c>request.*</c>,
    /// <c>response.*</c>, <c>source.*</c>, <c>destination.*</c>, <c>connection.*</c>, <c>plugin_*</c>
    /// and <c>node</c> itself). Called before the built-ins, so it can also override them.
    /// </summary>
    /// <param name="path">The property path's segments, for example <c>["upstream", "address"]</c>.</param>
    /// <param name="value">The value when found.</param>
    bool TryGetProperty(IReadOnlyList<string> path, out PropertyValue value)
    {
        _ = path;
        value = default;
        return false;
    }

    /// <summary>A filter changed headers in a way that may select another route (0.1.0 <c>proxy_clear_route_cache</c>).</summary>
    void ClearRouteCache()
    {
    }
}
