using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Weir.Gateway.Upstream;

/// <summary>
/// The gateway's HTTP/1.1 client for <c>http://</c> upstreams, an <see cref="HttpMessageHandler"/> so the
/// forwarder, filters, health checks and callouts use it through <see cref="HttpMessageInvoker"/> as they
/// would <see cref="SocketsHttpHandler"/>. It does less per request than that general-purpose handler: no
/// version negotiation, no header validation beyond what keeps the wire format sound, the request head
/// written as bytes from the request's own strings, the response head parsed from the connection's buffer,
/// and no read-ahead on pooled connections. It can also send request trailers (see
/// <see cref="IRequestTrailersSource"/>), which HttpClient cannot.
/// </summary>
/// <remarks>
/// The response is returned once its head arrived (the body streams from its content). A request that
/// fails on a pooled connection before any response byte arrived, and before any of its body was taken, is
/// sent once more on a new connection (see <see cref="Http11Connection.SendAsync"/>): the server most
/// likely closed the connection while it sat idle.
/// </remarks>
internal sealed class Http11UpstreamHandler : HttpMessageHandler
{
    private readonly Http11UpstreamOptions _options;

    // Pools by the scheme and authority as request URIs spell them (found without allocating), and by the
    // endpoint they reach, so two spellings of one endpoint share its pool and its connection limit.
    private readonly ConcurrentDictionary<string, PoolByPrefix> _poolsByPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, PoolByPrefix>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly ConcurrentDictionary<string, Http11ConnectionPool> _poolsByEndpoint = new(StringComparer.OrdinalIgnoreCase);
    private readonly Timer? _idleTimer;

    // The pool found last, with the prefix it was found by: a cluster's requests nearly always go to one
    // endpoint after another in a small set, and comparing a prefix is cheaper than hashing it.
    private volatile PoolByPrefix? _last;
    private volatile bool _disposed;

    public Http11UpstreamHandler(Http11UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxConnectionsPerEndpoint is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConnectionsPerEndpoint, "at least one connection per endpoint is needed");
        }

        _options = options;
        _prefixLookup = _poolsByPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        var idle = options.IdleConnectionTimeout;
        if (idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan)
        {
            // Expired connections are found within a quarter of the timeout.
            var period = TimeSpan.FromTicks(Math.Clamp(idle.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(15).Ticks));
            _idleTimer = new Timer(static state => ((Http11UpstreamHandler)state!).CloseExpired(), this, period, period);
        }
    }

    /// <summary>Whether this handler can reach <paramref name="address"/> (plain <c>http://</c>).</summary>
    public static bool Supports(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);

    /// <summary>The pool for an endpoint's <c>http://host:port</c> address, for tests and diagnostics (null when nothing was sent there yet).</summary>
    internal Http11ConnectionPool? PoolOf(string address)
    {
        var uri = new Uri(address, UriKind.Absolute);
        return _poolsByEndpoint.TryGetValue(EndpointKey(uri), out var pool) ? pool : null;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("the request needs an absolute http:// URI");
        }

        if (request.Version.Major >= 2 && request.VersionPolicy != HttpVersionPolicy.RequestVersionOrLower)
        {
            throw new HttpRequestException(HttpRequestError.VersionNegotiationError, string.Create(CultureInfo.InvariantCulture, $"HTTP/{request.Version} was asked for, and this handler speaks HTTP/1.1 only"));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Requests with a body check an idle connection for a server close first: they cannot be sent twice.
        var renting = PoolFor(uri).RentAsync(fresh: false, probe: request.Content is not null, cancellationToken);
        if (renting.IsCompletedSuccessfully)
        {
            // The usual case, an idle connection: the exchange's own task is the only one.
            var (connection, reused) = renting.Result;
            return connection.SendAsync(request, uri, reused, mayRetry: true, cancellationToken);
        }

        return SendOnceConnectedAsync(renting, request, uri, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _idleTimer?.Dispose();
            foreach (var pool in _poolsByEndpoint.Values)
            {
                pool.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static async Task<HttpResponseMessage> SendOnceConnectedAsync(ValueTask<(Http11Connection Connection, bool Reused)> renting, HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        var (connection, reused) = await renting.ConfigureAwait(false);
        return await connection.SendAsync(request, uri, reused, mayRetry: true, cancellationToken).ConfigureAwait(false);
    }

    private static string EndpointKey(Uri uri) => string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{uri.Port}");

    private Http11ConnectionPool PoolFor(Uri uri)
    {
        var original = uri.OriginalString.AsSpan();
        var schemeEnd = original.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var authorityEnd = original[(schemeEnd + 3)..].IndexOfAny('/', '?', '#');
            var prefix = authorityEnd < 0 ? original : original[..(schemeEnd + 3 + authorityEnd)];
            if (_last is { } last && prefix.SequenceEqual(last.Prefix))
            {
                return last.Pool;
            }

            if (!_prefixLookup.TryGetValue(prefix, out var known))
            {
                known = _poolsByPrefix.GetOrAdd(prefix.ToString(), static (key, state) => new PoolByPrefix(key, state.Handler.AddPool(state.Uri)), (Handler: this, Uri: uri));
            }

            _last = known;
            return known.Pool;
        }

        return AddPool(uri);
    }

    private Http11ConnectionPool AddPool(Uri uri)
    {
        if (!string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"'{uri.Scheme}://' upstreams are not supported by the HTTP/1.1 upstream handler (plain http:// only)");
        }

        var pool = _poolsByEndpoint.GetOrAdd(EndpointKey(uri), static (_, state) => new Http11ConnectionPool(state.Uri, state.Options), (Uri: uri, Options: _options));

        if (_disposed)
        {
            // Disposed meanwhile: this pool may have missed the disposal.
            pool.Dispose();
        }

        return pool;
    }

    private void CloseExpired()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var pool in _poolsByEndpoint.Values)
        {
            pool.CloseExpired(now);
        }
    }

    /// <summary>A pool and the scheme and authority prefix it was found by.</summary>
    private sealed record PoolByPrefix(string Prefix, Http11ConnectionPool Pool);
}
