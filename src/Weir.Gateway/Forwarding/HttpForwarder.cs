using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Weir.Gateway.Clusters;
using Weir.Gateway.Configuration;
using Weir.Gateway.Filters;
using Weir.Gateway.Metrics;
using Weir.Gateway.Routing;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// Sends a client's request to its route's cluster and streams the answer back: endpoint choice, retries
/// (only while no body byte was sent), the response-header deadline (504), connect failures (502), client
/// aborts (cancelling the upstream call), and aborting, rather than silently truncating, a response whose
/// upstream body fails after it started. Failures come back as <see cref="ProxyError"/> values.
/// </summary>
internal static class HttpForwarder
{
    // Kestrel's pipe hands out 4 KiB blocks; asking for one block per read avoids copying through a buffer of our own.
    // (Without a size hint Kestrel may return an empty span before the response has started.)
    private const int ResponseReadSize = 4096;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ForwardOutcome> ForwardAsync(HttpContext context, RouteRuntime route, FilteredExchange? filtered)
    {
        var cluster = route.Cluster;
        var request = context.Request;
        var upgradeFeature = context.Features.Get<IHttpUpgradeFeature>();
        var upgrade = upgradeFeature is { IsUpgradableRequest: true } && request.Headers.Upgrade.Count > 0;
        var hasBody = !upgrade && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true };
        var retry = route.Definition.Retry;
        var maxAttempts = 1 + (retry?.Attempts ?? 0);
        var routeTimeout = route.Definition.Timeout;
        var deadline = routeTimeout > TimeSpan.Zero ? Stopwatch.GetTimestamp() + (long)(routeTimeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;

        using var cancellation = ExchangeCancellation.Create(context.RequestAborted);
        UpstreamEndpoint? endpoint = null;
        long requestBytes = 0;
        for (var attempt = 1; ; attempt++)
        {
            endpoint = cluster.Pick(endpoint);
            if (endpoint is null)
            {
                cluster.Statistics.Failed(UpstreamErrorKind.NoHealthyEndpoint);
                await WriteErrorAsync(context, filtered, ProxyError.NoHealthyEndpoint).ConfigureAwait(false);
                return new ForwardOutcome(ProxyError.NoHealthyEndpoint, null, attempt - 1, requestBytes, filtered?.ResponseBodyBytes ?? 0, 0);
            }

            ForwardedContent? content = !hasBody ? null
                : filtered is null ? new StreamingRequestContent(request.BodyReader, context.RequestAborted) { TrailerSource = ForwardedContent.ClientTrailers(context) }
                : filtered.CreateRequestContent();
            var message = filtered is null
                ? UpstreamRequestFactory.Create(context, route, endpoint, content, upgrade)
                : filtered.CreateUpstreamRequest(endpoint, content, upgrade);
            cancellation.Renew();
            cancellation.StartTimer(AttemptTimeout(retry, routeTimeout, deadline));
            endpoint.RequestStarted();
            cluster.Statistics.Attempted();
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage? response = null;
            var error = ProxyError.None;
            try
            {
                response = await cluster.Invoker.SendAsync(message, cancellation.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or BadHttpRequestException or ConnectionResetException)
            {
                error = filtered?.Ending is not null ? ProxyError.Filter : Classify(exception, cancellation, content);
            }

            requestBytes = content?.BytesSent ?? 0;
            if (response is null)
            {
                endpoint.RequestFinished();
                message.Dispose();
                if (error == ProxyError.ClientAborted)
                {
                    return new ForwardOutcome(error, endpoint, attempt, requestBytes, 0, 0);
                }

                if (error == ProxyError.Filter && filtered?.Ending is { } ending)
                {
                    await filtered.FinishEndedAsync(ending.Outcome, ending.Index).ConfigureAwait(false);
                    return new ForwardOutcome(error, endpoint, attempt, requestBytes, filtered.ResponseBodyBytes, 0);
                }

                if (ProxyErrors.UpstreamKind(error) is { } kind)
                {
                    cluster.Statistics.Failed(kind);
                }

                if (CanRetry(error, retry, request.Method, content, attempt, maxAttempts, deadline))
                {
                    cluster.Statistics.Retried();
                    continue;
                }

                await WriteErrorAsync(context, filtered, error).ConfigureAwait(false);
                return new ForwardOutcome(error, endpoint, attempt, requestBytes, filtered?.ResponseBodyBytes ?? 0, 0);
            }

            var upstreamTicks = Stopwatch.GetTimestamp() - started;
            cluster.Statistics.ResponseTime.Record(upstreamTicks);
            if (ShouldRetryStatus(response, retry, request.Method, content, attempt, maxAttempts, deadline))
            {
                response.Dispose();
                message.Dispose();
                endpoint.RequestFinished();
                cluster.Statistics.Retried();
                continue;
            }

            cancellation.StopTimer();
            try
            {
                var (error2, responseBytes) = filtered is null
                    ? await CompleteAsync(context, response, upgradeFeature, upgrade, cancellation).ConfigureAwait(false)
                    : await filtered.CompleteResponseAsync(response, upgradeFeature, upgrade, cancellation).ConfigureAwait(false);
                if (ProxyErrors.UpstreamKind(error2) is { } kind)
                {
                    cluster.Statistics.Failed(kind);
                }

                return new ForwardOutcome(error2, endpoint, attempt, content?.BytesSent ?? requestBytes, responseBytes, upstreamTicks);
            }
            finally
            {
                endpoint.RequestFinished();
                response.Dispose();
                message.Dispose();
            }
        }
    }

    private static TimeSpan AttemptTimeout(RetryDefinition? retry, TimeSpan routeTimeout, long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return retry?.PerTryTimeout ?? TimeSpan.Zero;
        }

        var remaining = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        if (remaining <= TimeSpan.Zero)
        {
            // The route's time is used up: fire at once so the attempt reports a timeout.
            remaining = TimeSpan.FromTicks(1);
        }

        var limit = retry?.PerTryTimeout is { } perTry && perTry < remaining ? perTry : remaining;
        return limit < routeTimeout ? limit : routeTimeout;
    }

    private static Task WriteErrorAsync(HttpContext context, FilteredExchange? filtered, ProxyError error) =>
        filtered is null ? ErrorResponses.WriteAsync(context, error) : filtered.WriteErrorAsync(error);

    private static ProxyError Classify(Exception exception, ExchangeCancellation cancellation, ForwardedContent? content)
    {
        if (cancellation.ClientAborted.IsCancellationRequested)
        {
            return ProxyError.ClientAborted;
        }

        if (content?.ClientFailure is not null)
        {
            return content.ClientFailure is OperationCanceledException or ConnectionResetException ? ProxyError.ClientAborted : ProxyError.RequestBody;
        }

        if (cancellation.TimedOut)
        {
            return ProxyError.Timeout;
        }

        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError })
        {
            return ProxyError.ConnectFailure;
        }

        // SocketsHttpHandler reports its own connect timeout as a cancellation caused by a TimeoutException.
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return ProxyError.ConnectFailure;
            }
        }

        return ProxyError.UpstreamReset;
    }

    private static bool CanRetry(ProxyError error, RetryDefinition? retry, string method, ForwardedContent? content, int attempt, int maxAttempts, long deadline)
    {
        if (retry is null || attempt >= maxAttempts || content is { Started: true } || Stopwatch.GetTimestamp() >= deadline)
        {
            return false;
        }

        return error switch
        {
            // The request never reached the endpoint, so any method is safe to send again.
            ProxyError.ConnectFailure => retry.On.HasFlag(RetryConditions.ConnectFailure),
            // The endpoint may have acted on it: only methods that may be repeated.
            ProxyError.UpstreamReset => retry.On.HasFlag(RetryConditions.Reset) && IsIdempotent(method),
            ProxyError.Timeout => retry.On.HasFlag(RetryConditions.Timeout) && IsIdempotent(method),
            _ => false,
        };
    }

    private static bool ShouldRetryStatus(HttpResponseMessage response, RetryDefinition? retry, string method, ForwardedContent? content, int attempt, int maxAttempts, long deadline)
    {
        if (retry is null || attempt >= maxAttempts || content is { Started: true } || Stopwatch.GetTimestamp() >= deadline || !IsIdempotent(method))
        {
            return false;
        }

        var status = (int)response.StatusCode;
        return (retry.On.HasFlag(RetryConditions.ServerError) && status >= 500)
            || (retry.On.HasFlag(RetryConditions.GatewayError) && status is 502 or 503 or 504);
    }

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(ProxyError Error, long ResponseBytes)> CompleteAsync(HttpContext context, HttpResponseMessage upstream, IHttpUpgradeFeature? upgradeFeature, bool upgrade, ExchangeCancellation cancellation)
    {
        var response = context.Response;
        ResponseHeaderCopier.CopyStatusAndHeaders(upstream, response);
        if (response.StatusCode == StatusCodes.Status101SwitchingProtocols)
        {
            if (!upgrade || upgradeFeature is null)
            {
                // An upstream may not switch protocols the client did not ask for.
                response.Clear();
                await ErrorResponses.WriteAsync(context, ProxyError.UpstreamReset).ConfigureAwait(false);
                return (ProxyError.UpstreamReset, 0);
            }

            return await UpgradeTunnel.RunAsync(context, upgradeFeature, upstream, cancellation.Token).ConfigureAwait(false);
        }

        var source = await upstream.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
        var (error, copied) = await CopyBodyAsync(context, source, upstream.Content.Headers.ContentLength, cancellation).ConfigureAwait(false);
        if (error != ProxyError.None)
        {
            return (error, copied);
        }

        ResponseHeaderCopier.CopyTrailers(upstream, response);
        return (ProxyError.None, copied);
    }

    /// <summary>
    /// Streams an upstream body into the client's response pipe (reading straight into the pipe's memory,
    /// flushing each chunk, so a slow client slows the upstream read). A failure before anything reached the
    /// client becomes a 502; after, the client's response is aborted rather than cut short silently.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal static async ValueTask<(ProxyError Error, long ResponseBytes)> CopyBodyAsync(HttpContext context, Stream source, long? length, ExchangeCancellation cancellation)
    {
        var response = context.Response;
        var token = cancellation.Token;
        var writer = response.BodyWriter;
        long copied = 0;
        while (true)
        {
            int read;
            try
            {
                read = await source.ReadAsync(writer.GetMemory(ResponseReadSize), token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                if (cancellation.ClientAborted.IsCancellationRequested)
                {
                    return (ProxyError.ClientAborted, copied);
                }

                if (!response.HasStarted)
                {
                    // Nothing reached the client yet, so it can still get a proper error.
                    response.Clear();
                    await ErrorResponses.WriteAsync(context, ProxyError.UpstreamReset).ConfigureAwait(false);
                    return (ProxyError.UpstreamReset, 0);
                }

                // Headers (and maybe part of the body) are out: abort so the client sees a broken response, not a short one.
                context.Abort();
                return (ProxyError.ResponseBody, copied);
            }

            if (read == 0)
            {
                break;
            }

            writer.Advance(read);
            copied += read;
            if (copied == length)
            {
                // Everything announced has arrived: Kestrel flushes it when the response ends, in the same write.
                break;
            }

            try
            {
                var flushed = await writer.FlushAsync(token).ConfigureAwait(false);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return (ProxyError.ClientAborted, copied);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ConnectionResetException or ObjectDisposedException)
            {
                return (ProxyError.ClientAborted, copied);
            }
        }

        return (ProxyError.None, copied);
    }
}
