using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Weir.Gateway.Clusters;
using Weir.Gateway.Forwarding;
using Weir.Gateway.Hosting;
using Weir.Gateway.Routing;
using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>
/// Runs one exchange through its route's filter chain, as Envoy runs an HTTP filter chain: request events
/// go through the filters in chain order, response events in reverse order, each filter seeing what the
/// previous one let through. Body chunks stream (a filter that buffers holds them, others pass them on);
/// a filter's local response travels back through the response callbacks of the filters before it.
/// </summary>
internal sealed class FilteredExchange : IBodySink
{
    private const int ReadSize = 16 * 1024;
    private readonly HttpContext _context;
    private readonly RouteRuntime _route;
    private readonly FilterChain _chain;
    private readonly HttpFilterStream[] _streams;
    private readonly CancellationToken _aborted;
    private int _responseFilters;
    private long _responseBytes;

    public FilteredExchange(HttpContext context, RouteRuntime route, FilterChain chain)
    {
        _context = context;
        _route = route;
        _chain = chain;
        _aborted = context.RequestAborted;
        Http = new GatewayHttpStream(context, route);
        _streams = new HttpFilterStream[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            _streams[i] = chain.Filters[i].Plugin.CreateHttpStream(Http);
            chain.Filters[i].Statistics.Started();
        }

        _responseFilters = chain.Count;
    }

    public GatewayHttpStream Http { get; }

    /// <summary>How a filter ended the exchange while the request body was streaming, with the filter's index.</summary>
    public (FilterOutcome Outcome, int Index)? Ending { get; private set; }

    public long ResponseBodyBytes => _responseBytes;

    /// <summary>Runs the request headers through the chain; the outcome and filter index when a filter ended the exchange.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(FilterOutcome Outcome, int Index)?> RunRequestHeadersAsync(bool endOfStream)
    {
        await IoThreads.LeaveAsync();
        for (var i = 0; i < _streams.Length; i++)
        {
            var outcome = await _streams[i].OnRequestHeadersAsync(endOfStream, _aborted).ConfigureAwait(false);
            if (outcome.IsTerminal)
            {
                return (outcome, i);
            }
        }

        return null;
    }

    /// <summary>Answers the client after a filter ended the exchange: a local response (through earlier filters' response callbacks) or a reset.</summary>
    public async Task FinishEndedAsync(FilterOutcome outcome, int index)
    {
        if (outcome.Kind == FilterOutcomeKind.LocalResponse && outcome.LocalResponse is { } local)
        {
            _chain.Filters[index].Statistics.Responded();
            await RespondLocallyAsync(local, index).ConfigureAwait(false);
            return;
        }

        _chain.Filters[index].Statistics.Reset();
        _context.Abort();
    }

    /// <summary>A response the gateway generated (502, 504, 503) passes through every filter's response callbacks, like any response.</summary>
    public Task WriteErrorAsync(ProxyError error)
    {
        var body = ErrorResponses.BodyOf(error);
        var local = new LocalResponse(ErrorResponses.StatusOf(error), ProxyErrors.Name(error) ?? "error", body, [new("content-type", "text/plain")], null);
        return RespondLocallyAsync(local, _streams.Length);
    }

    /// <summary>The upstream request built from the (filtered) request header map.</summary>
    public HttpRequestMessage CreateUpstreamRequest(UpstreamEndpoint endpoint, ForwardedContent? content, bool upgrade)
    {
        var headers = Http.RequestHeaders;
        var cluster = _route.Cluster;
        var path = headers.Get(":path") is { Length: > 0 } filtered && filtered[0] == '/' ? filtered : "/";
        var message = new HttpRequestMessage(HttpMethod.Parse(headers.Get(":method") ?? _context.Request.Method), new Uri(endpoint.Address + path, UriKind.Absolute))
        {
            Content = content,
            Version = upgrade ? HttpVersion.Version11 : cluster.Version,
            VersionPolicy = upgrade ? HttpVersionPolicy.RequestVersionExact : cluster.VersionPolicy,
        };

        foreach (var (name, value) in headers)
        {
            if (name.StartsWith(':'))
            {
                continue;
            }

            // A filter may rewrite the body, so its length is only known when it is sent (chunked).
            if (_chain.HandlesRequestBody && string.Equals(name, "content-length", StringComparison.Ordinal))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (upgrade)
        {
            message.Headers.TryAddWithoutValidation(HeaderNames.Connection, "Upgrade");
            message.Headers.TryAddWithoutValidation(HeaderNames.Upgrade, (IEnumerable<string?>)_context.Request.Headers.Upgrade);
        }

        var authority = headers.Get(":authority");
        message.Headers.Host = _route.Definition.PreserveHost && !string.IsNullOrEmpty(authority) ? authority : endpoint.Authority;
        Http.UpstreamAddress = endpoint.Address;
        return message;
    }

    /// <summary>
    /// The request body sent upstream: through the filters when one of them has body or trailer callbacks,
    /// otherwise streamed as is (filters without those callbacks would only be told the bytes passed).
    /// </summary>
    public ForwardedContent CreateRequestContent() =>
        _chain.HandlesRequestBody || _chain.HandlesRequestTrailers
            ? new FilteredRequestContent(this, _context.Request.BodyReader, _aborted) { TrailerSource = () => Http.RequestTrailers }
            : new StreamingRequestContent(_context.Request.BodyReader, _aborted) { TrailerSource = ForwardedContent.ClientTrailers(_context) };

    /// <summary>A request body chunk through the chain, into <paramref name="sink"/>; the ending when a filter ended the exchange.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RequestBodyAsync(ReadOnlyMemory<byte> chunk, bool endOfStream, IBodySink sink)
    {
        var ended = await BodyThroughAsync(request: true, chunk, endOfStream, sink, 0).ConfigureAwait(false);
        Ending ??= ended;
        return ended is null;
    }

    /// <summary>Request trailers (already in the map) through the chain.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RequestTrailersAsync(IBodySink sink)
    {
        var ended = await TrailersThroughAsync(request: true, sink).ConfigureAwait(false);
        Ending ??= ended;
        return ended is null;
    }

    /// <summary>Copies the client's trailers into the map; false when the request has none.</summary>
    public bool TakeRequestTrailers()
    {
        var feature = _context.Features.Get<IHttpRequestTrailersFeature>();
        if (feature is not { Available: true } || feature.Trailers.Count == 0)
        {
            return false;
        }

        foreach (var (name, values) in feature.Trailers)
        {
            foreach (var value in values)
            {
                Http.RequestTrailers.Add(name, value ?? string.Empty);
            }
        }

        return true;
    }

    /// <summary>
    /// Runs the upstream response through the chain (headers, streamed body, trailers) to the client; a 101
    /// answer passes its headers through the filters and then becomes a raw tunnel.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(ProxyError Error, long ResponseBytes)> CompleteResponseAsync(HttpResponseMessage upstream, IHttpUpgradeFeature? upgradeFeature, bool upgrade, ExchangeCancellation cancellation)
    {
        var map = Http.ResponseHeaders;
        map.Clear();
        var status = (int)upstream.StatusCode;
        map.Add(":status", status.ToString(CultureInfo.InvariantCulture));
        AddResponseHeaders(map, upstream, status == StatusCodes.Status101SwitchingProtocols);
        var contentLength = upstream.Content.Headers.ContentLength;
        var bodyless = HttpMethods.IsHead(_context.Request.Method) || status is 204 or 304 || status < 200 || contentLength == 0;

        var ended = await HeadersThroughAsync(request: false, bodyless).ConfigureAwait(false);
        if (ended is { } filterEnded)
        {
            await FinishEndedAsync(filterEnded.Outcome, filterEnded.Index).ConfigureAwait(false);
            return (ProxyError.Filter, _responseBytes);
        }

        WriteResponseHead();
        if (status == StatusCodes.Status101SwitchingProtocols)
        {
            if (!upgrade || upgradeFeature is null)
            {
                _context.Response.Clear();
                await ErrorResponses.WriteAsync(_context, ProxyError.UpstreamReset).ConfigureAwait(false);
                return (ProxyError.UpstreamReset, 0);
            }

            return await UpgradeTunnel.RunAsync(_context, upgradeFeature, upstream, cancellation.Token).ConfigureAwait(false);
        }

        if (bodyless)
        {
            return (ProxyError.None, 0);
        }

        var token = cancellation.Token;
        var source = await upstream.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        if (!_chain.HandlesResponseBody)
        {
            return await CopyUnfilteredBodyAsync(source, upstream, cancellation).ConfigureAwait(false);
        }

        var lengthEndsBody = contentLength is not null && upstream.Version.Major < 2;
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            long received = 0;
            var endDelivered = false;
            while (!endDelivered)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer.AsMemory(0, ReadSize), token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
                {
                    if (cancellation.ClientAborted.IsCancellationRequested)
                    {
                        return (ProxyError.ClientAborted, _responseBytes);
                    }

                    if (!_context.Response.HasStarted)
                    {
                        _context.Response.Clear();
                        await ErrorResponses.WriteAsync(_context, ProxyError.UpstreamReset).ConfigureAwait(false);
                        return (ProxyError.UpstreamReset, 0);
                    }

                    _context.Abort();
                    return (ProxyError.ResponseBody, _responseBytes);
                }

                (FilterOutcome Outcome, int Index)? bodyEnded;
                if (read > 0)
                {
                    received += read;
                    endDelivered = lengthEndsBody && received >= contentLength;
                    bodyEnded = await BodyThroughAsync(request: false, buffer.AsMemory(0, read), endDelivered, this, 0).ConfigureAwait(false);
                }
                else if (upstream.TrailingHeaders.NonValidated.Count > 0)
                {
                    foreach (var (name, values) in upstream.TrailingHeaders.NonValidated)
                    {
                        foreach (var value in values)
                        {
                            Http.ResponseTrailers.Add(name, value);
                        }
                    }

                    endDelivered = true;
                    bodyEnded = await TrailersThroughAsync(request: false, this).ConfigureAwait(false);
                }
                else
                {
                    endDelivered = true;
                    bodyEnded = await BodyThroughAsync(request: false, ReadOnlyMemory<byte>.Empty, true, this, 0).ConfigureAwait(false);
                }

                if (bodyEnded is { } stopped)
                {
                    // Headers are out: a filter that ends the exchange now can only reset it.
                    await FinishEndedAsync(stopped.Outcome, stopped.Index).ConfigureAwait(false);
                    return (ProxyError.Filter, _responseBytes);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ConnectionResetException or InvalidOperationException)
        {
            // Writing to the client failed (it went away), or a filter changed the body's length but kept Content-Length.
            if (cancellation.ClientAborted.IsCancellationRequested)
            {
                return (ProxyError.ClientAborted, _responseBytes);
            }

            _context.Abort();
            return (ProxyError.ResponseBody, _responseBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        WriteTrailers();
        return (ProxyError.None, _responseBytes);
    }

    /// <summary>
    /// The response body when no filter has a body callback: copied straight into the client's pipe, as
    /// without filters; trailers still go through filters that have a trailers callback.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(ProxyError Error, long ResponseBytes)> CopyUnfilteredBodyAsync(Stream source, HttpResponseMessage upstream, ExchangeCancellation cancellation)
    {
        var (error, copied) = await HttpForwarder.CopyBodyAsync(_context, source, upstream.Content.Headers.ContentLength, cancellation).ConfigureAwait(false);
        _responseBytes = copied;
        if (error != ProxyError.None)
        {
            return (error, copied);
        }

        if (upstream.TrailingHeaders.NonValidated.Count == 0)
        {
            return (ProxyError.None, copied);
        }

        foreach (var (name, values) in upstream.TrailingHeaders.NonValidated)
        {
            foreach (var value in values)
            {
                Http.ResponseTrailers.Add(name, value);
            }
        }

        if (_chain.HandlesResponseTrailers && await TrailersThroughAsync(request: false, this).ConfigureAwait(false) is { } ended)
        {
            await FinishEndedAsync(ended.Outcome, ended.Index).ConfigureAwait(false);
            return (ProxyError.Filter, _responseBytes);
        }

        WriteTrailers();
        return (ProxyError.None, _responseBytes);
    }

    /// <summary>Ends every filter's stream (<c>proxy_on_log</c> and cleanup) and counts failures.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask CompleteAsync()
    {
        await IoThreads.LeaveAsync();
        for (var i = 0; i < _streams.Length; i++)
        {
            var stream = _streams[i];
            await stream.CompleteAsync().ConfigureAwait(false);
            if (stream.HasFailed)
            {
                _chain.Filters[i].Statistics.Failed();
            }
        }
    }

    ValueTask IBodySink.WriteAsync(ReadOnlyMemory<byte> data)
    {
        _responseBytes += data.Length;
        return _context.Response.Body.WriteAsync(data, _aborted);
    }

    private async Task RespondLocallyAsync(LocalResponse local, int responseFilters)
    {
        var response = _context.Response;
        if (response.HasStarted)
        {
            _context.Abort();
            return;
        }

        response.Clear();
        _responseFilters = responseFilters;
        var map = Http.ResponseHeaders;
        map.Clear();
        map.Add(":status", local.StatusCode.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in local.Headers)
        {
            map.Add(name, value);
        }

        if (local.GrpcStatus is { } grpc && !map.Contains("grpc-status"))
        {
            map.Add("grpc-status", grpc.ToString(CultureInfo.InvariantCulture));
        }

        map.Set("content-length", local.Body.Length.ToString(CultureInfo.InvariantCulture));
        try
        {
            var ended = await HeadersThroughAsync(request: false, local.Body.IsEmpty).ConfigureAwait(false);
            if (ended is { Outcome.Kind: FilterOutcomeKind.Reset })
            {
                _context.Abort();
                return;
            }

            if (ended is { Outcome.LocalResponse: { } replaced })
            {
                // A second local response replaces the first as is.
                await WriteDirectAsync(replaced).ConfigureAwait(false);
                return;
            }

            WriteResponseHead();
            if (!local.Body.IsEmpty)
            {
                var bodyEnded = await BodyThroughAsync(request: false, local.Body, true, this, 0).ConfigureAwait(false);
                if (bodyEnded is not null)
                {
                    _context.Abort();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or InvalidOperationException)
        {
            _context.Abort();
        }
        catch (OperationCanceledException) when (_aborted.IsCancellationRequested)
        {
            // The client went away while filters answered.
        }
    }

    private async Task WriteDirectAsync(LocalResponse local)
    {
        var response = _context.Response;
        response.Clear();
        response.StatusCode = local.StatusCode;
        foreach (var (name, value) in local.Headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentLength = local.Body.Length;
        await response.Body.WriteAsync(local.Body, _aborted).ConfigureAwait(false);
        _responseBytes += local.Body.Length;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(FilterOutcome Outcome, int Index)?> HeadersThroughAsync(bool request, bool endOfStream)
    {
        await IoThreads.LeaveAsync();
        var count = request ? _streams.Length : _responseFilters;
        for (var position = 0; position < count; position++)
        {
            var index = IndexOf(request, position);
            var outcome = request
                ? await _streams[index].OnRequestHeadersAsync(endOfStream, _aborted).ConfigureAwait(false)
                : await _streams[index].OnResponseHeadersAsync(endOfStream, _aborted).ConfigureAwait(false);
            if (outcome.IsTerminal)
            {
                return (outcome, index);
            }
        }

        return null;
    }

    /// <summary>
    /// Passes a chunk through the filters from <paramref name="start"/> (a position in the direction's
    /// order) to the end, each filter's output feeding the next, and writes what comes out to the sink.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(FilterOutcome Outcome, int Index)?> BodyThroughAsync(bool request, ReadOnlyMemory<byte> chunk, bool endOfStream, IBodySink sink, int start)
    {
        await IoThreads.LeaveAsync();
        var count = request ? _streams.Length : _responseFilters;
        var data = chunk;
        for (var position = start; position < count; position++)
        {
            if (data.IsEmpty && !endOfStream)
            {
                // A buffering filter let nothing through: the filters after it have nothing to see yet.
                return null;
            }

            var index = IndexOf(request, position);
            var outcome = request
                ? await _streams[index].OnRequestBodyAsync(data, endOfStream, _aborted).ConfigureAwait(false)
                : await _streams[index].OnResponseBodyAsync(data, endOfStream, _aborted).ConfigureAwait(false);
            if (outcome.IsTerminal)
            {
                return (outcome, index);
            }

            data = outcome.Body;
            if (outcome.Kind == FilterOutcomeKind.Buffering)
            {
                endOfStream = false;
            }
        }

        if (!data.IsEmpty)
        {
            await sink.WriteAsync(data).ConfigureAwait(false);
        }

        return null;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(FilterOutcome Outcome, int Index)?> TrailersThroughAsync(bool request, IBodySink sink)
    {
        await IoThreads.LeaveAsync();
        var count = request ? _streams.Length : _responseFilters;
        for (var position = 0; position < count; position++)
        {
            var index = IndexOf(request, position);
            var outcome = request
                ? await _streams[index].OnRequestTrailersAsync(_aborted).ConfigureAwait(false)
                : await _streams[index].OnResponseTrailersAsync(_aborted).ConfigureAwait(false);
            if (outcome.IsTerminal)
            {
                return (outcome, index);
            }

            // Body the filter held until the trailers goes through the later filters before their trailers.
            if (!outcome.Body.IsEmpty)
            {
                var ended = await BodyThroughAsync(request, outcome.Body, false, sink, position + 1).ConfigureAwait(false);
                if (ended is not null)
                {
                    return ended;
                }
            }
        }

        return null;
    }

    /// <summary>Request events run in chain order, response events in reverse (Envoy's encoder order).</summary>
    private int IndexOf(bool request, int position) => request ? position : _responseFilters - 1 - position;

    private void WriteResponseHead()
    {
        var response = _context.Response;
        response.StatusCode = Http.ResponseStatus();
        foreach (var (name, value) in Http.ResponseHeaders)
        {
            if (name.StartsWith(':') || HopByHopHeaders.IsHopByHop(name))
            {
                // A 101 answer must keep Upgrade (Kestrel writes Connection itself).
                if (!(response.StatusCode == StatusCodes.Status101SwitchingProtocols && string.Equals(name, "upgrade", StringComparison.Ordinal)))
                {
                    continue;
                }
            }

            response.Headers.Append(name, value);
        }
    }

    private void WriteTrailers()
    {
        var response = _context.Response;
        if (Http.ResponseTrailers.Count == 0 || !response.SupportsTrailers())
        {
            return;
        }

        foreach (var (name, value) in Http.ResponseTrailers)
        {
            if (!name.StartsWith(':') && !HopByHopHeaders.IsHopByHop(name))
            {
                response.AppendTrailer(name, value);
            }
        }
    }

    private static void AddResponseHeaders(HeaderMap map, HttpResponseMessage upstream, bool switching)
    {
        string[]? listed = null;
        if (upstream.Headers.NonValidated.TryGetValues(HeaderNames.Connection, out var connection))
        {
            listed = HopByHopHeaders.ConnectionListed(ResponseHeaderCopier.ToStringValues(connection));
        }

        foreach (var (name, values) in upstream.Headers.NonValidated)
        {
            Add(name, values);
        }

        foreach (var (name, values) in upstream.Content.Headers.NonValidated)
        {
            Add(name, values);
        }

        void Add(string name, System.Net.Http.Headers.HeaderStringValues values)
        {
            var keep = switching && string.Equals(name, HeaderNames.Upgrade, StringComparison.OrdinalIgnoreCase);
            if (!keep && (HopByHopHeaders.IsHopByHop(name) || HopByHopHeaders.IsListed(listed, name)))
            {
                return;
            }

            var lower = LowerCaseHeaderNames.Lower(name);
            foreach (var value in values)
            {
                map.Add(lower, value);
            }
        }
    }
}
