using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Weir.Gateway.AccessLog;
using Weir.Gateway.Filters;
using Weir.Gateway.Hosting;
using Weir.Gateway.Metrics;
using Weir.Gateway.Routing;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// The request delegate of every listener: takes the current configuration version for the request's
/// whole life, routes, forwards, and records metrics and the access log entry.
/// </summary>
internal sealed class ProxyHandler
{
    private static readonly byte[] ListenerGoneBody = "weir: this listener was removed by a reload\n"u8.ToArray();
    private readonly SnapshotHolder _snapshots;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    public ProxyHandler(SnapshotHolder snapshots, GatewayMetrics metrics, ILogger logger)
    {
        _snapshots = snapshots;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, string listenerKey)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = _snapshots.Acquire();
        if (snapshot is null || !snapshot.ListenersByKey.TryGetValue(listenerKey, out var listener))
        {
            snapshot?.Release();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.Body.WriteAsync(ListenerGoneBody, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            var route = listener.Match(context.Request);
            ForwardOutcome outcome;
            if (route is null)
            {
                _metrics.Listener(listener.Definition.Name).Unrouted();
                await ErrorResponses.WriteAsync(context, ProxyError.NoRoute).ConfigureAwait(false);
                outcome = new ForwardOutcome(ProxyError.NoRoute, null, 0, 0, 0, 0);
            }
            else if (route.Filters.IsEmpty)
            {
                route.Statistics.Started();
                outcome = await HttpForwarder.ForwardAsync(context, route, null).ConfigureAwait(false);
            }
            else
            {
                route.Statistics.Started();
                outcome = await ForwardFilteredAsync(context, route).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetTimestamp() - started;
            var aborted = outcome.Error is ProxyError.ClientAborted or ProxyError.ResponseBody || (outcome.Error == ProxyError.Filter && context.RequestAborted.IsCancellationRequested);
            var status = aborted ? 0 : context.Response.StatusCode;
            route?.Statistics.Completed(status, elapsed);
            if (snapshot.AccessLog is { } accessLog)
            {
                accessLog.Write(CreateEntry(context, listener.Definition.Name, route, outcome, status, elapsed));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug must cost one request, not the connection's others; Kestrel answers 500 or aborts.
            GatewayLog.RequestCrashed(_logger, context.Request.Method, context.Request.Path.Value ?? "/", exception);
            throw;
        }
        finally
        {
            snapshot.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ForwardOutcome> ForwardFilteredAsync(HttpContext context, RouteRuntime route)
    {
        var exchange = new FilteredExchange(context, route, route.Filters);
        try
        {
            var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true };
            if (await exchange.RunRequestHeadersAsync(endOfStream: !hasBody).ConfigureAwait(false) is { } ended)
            {
                await exchange.FinishEndedAsync(ended.Outcome, ended.Index).ConfigureAwait(false);
                return new ForwardOutcome(ProxyError.Filter, null, 0, 0, exchange.ResponseBodyBytes, 0);
            }

            return await HttpForwarder.ForwardAsync(context, route, exchange).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return new ForwardOutcome(ProxyError.ClientAborted, null, 0, 0, exchange.ResponseBodyBytes, 0);
        }
        finally
        {
            await exchange.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static AccessLogEntry CreateEntry(HttpContext context, string listener, RouteRuntime? route, ForwardOutcome outcome, int status, long elapsed)
    {
        var request = context.Request;
        var headers = request.Headers;
        return new AccessLogEntry(
            DateTimeOffset.UtcNow,
            listener,
            route?.Name,
            route?.Cluster.Name,
            outcome.Endpoint?.Address,
            request.Method,
            string.Concat(request.PathBase.Value, request.Path.Value, request.QueryString.Value),
            request.Protocol,
            status,
            outcome.RequestBodyBytes,
            outcome.ResponseBodyBytes,
            ToMicroseconds(elapsed),
            ToMicroseconds(outcome.UpstreamTicks),
            outcome.Attempts,
            context.Connection.RemoteIpAddress?.ToString(),
            headers.UserAgent.Count > 0 ? headers.UserAgent.ToString() : null,
            headers.TryGetValue("x-request-id", out var requestId) ? requestId.ToString() : null,
            ProxyErrors.Name(outcome.Error));
    }

    private static long ToMicroseconds(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
}
