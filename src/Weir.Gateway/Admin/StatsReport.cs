using System.Globalization;
using System.Text;
using Weir.Gateway.Hosting;
using Weir.Gateway.Metrics;

namespace Weir.Gateway.Admin;

/// <summary>The <c>/stats</c> page: the same counters as dotted <c>name: value</c> lines, for people and grep.</summary>
internal static class StatsReport
{
    public static string Render(IGatewayControl gateway)
    {
        var text = new StringBuilder();
        var metrics = gateway.Metrics;
        var snapshot = gateway.Current;
        foreach (var route in metrics.Routes)
        {
            var prefix = $"listener.{route.Listener}.route.{route.Route}.";
            long total = 0;
            foreach (var (status, count) in route.StatusCounts())
            {
                Line(text, prefix + "status." + status.ToString(CultureInfo.InvariantCulture), count);
                total += count;
            }

            Line(text, prefix + "requests", total);
            Line(text, prefix + "aborted", route.Aborted);
            Line(text, prefix + "active", route.Active);
            var (_, _, sum) = route.Duration.Snapshot();
            Line(text, prefix + "duration_ms_total", (long)(sum * 1000));
        }

        foreach (var listener in metrics.Listeners)
        {
            Line(text, $"listener.{listener.Listener}.no_route", listener.NoRoute);
        }

        foreach (var cluster in metrics.Clusters)
        {
            var prefix = $"cluster.{cluster.Cluster}.";
            Line(text, prefix + "upstream_requests", cluster.Requests);
            Line(text, prefix + "upstream_retries", cluster.Retries);
            foreach (var kind in Enum.GetValues<UpstreamErrorKind>())
            {
                Line(text, prefix + "upstream_errors." + KindName(kind), cluster.Errors(kind));
            }
        }

        foreach (var filter in metrics.Filters)
        {
            var prefix = $"filter.{filter.Filter}.";
            Line(text, prefix + "streams", filter.Streams);
            Line(text, prefix + "local_responses", filter.LocalResponses);
            Line(text, prefix + "resets", filter.Resets);
            Line(text, prefix + "failed_streams", filter.FailedStreams);
            Line(text, prefix + "vm_failures", filter.VmFailures);
            Line(text, prefix + "vm_reloads", filter.VmReloads);
            Line(text, prefix + "vm_recycles", filter.VmRecycles);
            Line(text, prefix + "vms_running", filter.RunningVms);
        }

        if (gateway.FilterMetrics is { } registry)
        {
            foreach (var metric in registry.Snapshot())
            {
                Line(text, "wasm." + metric.Name, metric.Value);
            }
        }

        if (snapshot is not null)
        {
            foreach (var cluster in snapshot.Clusters.Values.OrderBy(cluster => cluster.Name, StringComparer.Ordinal))
            {
                Line(text, $"cluster.{cluster.Name}.healthy_endpoints", cluster.HealthyEndpoints.Length);
                foreach (var endpoint in cluster.Endpoints)
                {
                    Line(text, $"cluster.{cluster.Name}.endpoint.{endpoint.Address}.healthy", endpoint.Healthy ? 1 : 0);
                    Line(text, $"cluster.{cluster.Name}.endpoint.{endpoint.Address}.active_requests", endpoint.ActiveRequests);
                }
            }

            Line(text, "config.version", snapshot.Version);
            if (snapshot.AccessLog is { } accessLog)
            {
                Line(text, "access_log.written", accessLog.Written);
                Line(text, "access_log.dropped", accessLog.Dropped);
            }
        }

        Line(text, "config.reloads.success", metrics.ReloadsSucceeded);
        Line(text, "config.reloads.failure", metrics.ReloadsFailed);
        return text.ToString();
    }

    public static string KindName(UpstreamErrorKind kind) => kind switch
    {
        UpstreamErrorKind.ConnectFailure => "connect_failure",
        UpstreamErrorKind.Timeout => "timeout",
        UpstreamErrorKind.Reset => "reset",
        UpstreamErrorKind.ResponseBody => "response_body",
        UpstreamErrorKind.NoHealthyEndpoint => "no_healthy_endpoint",
        _ => kind.ToString(),
    };

    private static void Line(StringBuilder text, string name, long value) =>
        text.Append(name).Append(": ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
