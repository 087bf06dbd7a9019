using System.Globalization;
using Weir.Gateway.Hosting;
using Weir.Gateway.Metrics;
using Weir.ProxyWasm;

namespace Weir.Gateway.Admin;

/// <summary>The <c>/metrics</c> page: every gateway counter in Prometheus text format.</summary>
internal static class MetricsReport
{
    public static string Render(IGatewayControl gateway)
    {
        var text = new PrometheusText();
        var metrics = gateway.Metrics;
        var snapshot = gateway.Current;

        text.Family("weir_requests_total", "counter", "Requests answered, by listener, route and status code.");
        foreach (var route in metrics.Routes)
        {
            foreach (var (status, count) in route.StatusCounts())
            {
                text.Sample("weir_requests_total", count, ("listener", route.Listener), ("route", route.Route), ("code", status.ToString(CultureInfo.InvariantCulture)));
            }
        }

        // Family by family throughout, so each family's samples are contiguous as the text format requires.
        text.Family("weir_requests_aborted_total", "counter", "Requests whose client went away or whose response was aborted after it started.");
        foreach (var route in metrics.Routes)
        {
            text.Sample("weir_requests_aborted_total", route.Aborted, ("listener", route.Listener), ("route", route.Route));
        }

        text.Family("weir_requests_active", "gauge", "Requests in flight.");
        foreach (var route in metrics.Routes)
        {
            text.Sample("weir_requests_active", route.Active, ("listener", route.Listener), ("route", route.Route));
        }

        text.Family("weir_request_duration_seconds", "histogram", "Time from a request's arrival to the end of its response.");
        foreach (var route in metrics.Routes)
        {
            text.Histogram("weir_request_duration_seconds", route.Duration, ("listener", route.Listener), ("route", route.Route));
        }

        text.Family("weir_no_route_total", "counter", "Requests no route matched (answered 404).");
        foreach (var listener in metrics.Listeners)
        {
            text.Sample("weir_no_route_total", listener.NoRoute, ("listener", listener.Listener));
        }

        text.Family("weir_upstream_requests_total", "counter", "Attempts sent to a cluster's endpoints (retries included).");
        foreach (var cluster in metrics.Clusters)
        {
            text.Sample("weir_upstream_requests_total", cluster.Requests, ("cluster", cluster.Cluster));
        }

        text.Family("weir_upstream_retries_total", "counter", "Retried attempts.");
        foreach (var cluster in metrics.Clusters)
        {
            text.Sample("weir_upstream_retries_total", cluster.Retries, ("cluster", cluster.Cluster));
        }

        text.Family("weir_upstream_errors_total", "counter", "Failed upstream attempts, by kind.");
        foreach (var cluster in metrics.Clusters)
        {
            foreach (var kind in Enum.GetValues<UpstreamErrorKind>())
            {
                text.Sample("weir_upstream_errors_total", cluster.Errors(kind), ("cluster", cluster.Cluster), ("kind", StatsReport.KindName(kind)));
            }
        }

        text.Family("weir_upstream_response_seconds", "histogram", "Time from sending a request upstream to its response headers.");
        foreach (var cluster in metrics.Clusters)
        {
            text.Histogram("weir_upstream_response_seconds", cluster.ResponseTime, ("cluster", cluster.Cluster));
        }

        if (snapshot is not null)
        {
            var clusters = snapshot.Clusters.Values.OrderBy(cluster => cluster.Name, StringComparer.Ordinal).ToList();
            text.Family("weir_upstream_endpoint_healthy", "gauge", "Whether an endpoint passes its health checks (1) or not (0).");
            foreach (var cluster in clusters)
            {
                foreach (var endpoint in cluster.Endpoints)
                {
                    text.Sample("weir_upstream_endpoint_healthy", endpoint.Healthy ? 1 : 0, ("cluster", cluster.Name), ("endpoint", endpoint.Address));
                }
            }

            text.Family("weir_upstream_endpoint_active_requests", "gauge", "Requests in flight to an endpoint.");
            foreach (var cluster in clusters)
            {
                foreach (var endpoint in cluster.Endpoints)
                {
                    text.Sample("weir_upstream_endpoint_active_requests", endpoint.ActiveRequests, ("cluster", cluster.Name), ("endpoint", endpoint.Address));
                }
            }

            text.Family("weir_config_version", "gauge", "The active configuration version.");
            text.Sample("weir_config_version", snapshot.Version);
            if (snapshot.AccessLog is { } accessLog)
            {
                text.Family("weir_access_log_dropped_total", "counter", "Access log entries dropped because the writer fell behind or failed.");
                text.Sample("weir_access_log_dropped_total", accessLog.Dropped);
            }
        }

        WriteFilters(text, gateway, metrics);
        text.Family("weir_config_reloads_total", "counter", "Configuration reloads, by result.");
        text.Sample("weir_config_reloads_total", metrics.ReloadsSucceeded, ("result", "success"));
        text.Sample("weir_config_reloads_total", metrics.ReloadsFailed, ("result", "failure"));
        return text.ToString();
    }

    private static readonly (string Name, string Type, string Help, Func<FilterStatistics, double> Value)[] FilterFamilies =
    [
        ("weir_filter_streams_total", "counter", "Exchanges a filter took part in.", filter => filter.Streams),
        ("weir_filter_local_responses_total", "counter", "Exchanges a filter answered itself (proxy_send_local_response, or its failure policy).", filter => filter.LocalResponses),
        ("weir_filter_resets_total", "counter", "Exchanges a filter reset.", filter => filter.Resets),
        ("weir_filter_failed_streams_total", "counter", "Exchanges during which the filter failed (trap, broken limit, proc_exit).", filter => filter.FailedStreams),
        ("weir_filter_vm_failures_total", "counter", "VMs of a filter that failed (traps and broken limits) and were discarded.", filter => filter.VmFailures),
        ("weir_filter_vm_reloads_total", "counter", "Replacement VMs started after failures.", filter => filter.VmReloads),
        ("weir_filter_vm_recycles_total", "counter", "VMs retired because their memory grew past the recycling mark (their streams finished, none failed).", filter => filter.VmRecycles),
        ("weir_filter_vms_running", "gauge", "VMs running a filter now.", filter => filter.RunningVms),
        ("weir_filter_ready", "gauge", "Whether a filter has a running VM (1) or not (0).", filter => filter.Ready ? 1 : 0),
    ];

    private static void WriteFilters(PrometheusText text, IGatewayControl gateway, GatewayMetrics metrics)
    {
        var filters = metrics.Filters.ToList();
        if (filters.Count == 0)
        {
            return;
        }

        // Family by family, so each family's samples are contiguous as the text format requires.
        foreach (var (name, type, help, value) in FilterFamilies)
        {
            text.Family(name, type, help);
            foreach (var filter in filters)
            {
                text.Sample(name, value(filter), ("filter", filter.Filter));
            }
        }

        if (gateway.FilterMetrics is not { } registry)
        {
            return;
        }

        // Metrics the filters defined themselves (proxy_define_metric), under their own names.
        foreach (var metric in registry.Snapshot())
        {
            var name = "weir_wasm_" + PrometheusText.SanitizeName(metric.Name);
            switch (metric.Type)
            {
                case ProxyMetricType.Counter:
                    text.Family(name, "counter", $"Filter-defined counter '{metric.Name}'.");
                    text.Sample(name, metric.Value);
                    break;
                case ProxyMetricType.Gauge:
                    text.Family(name, "gauge", $"Filter-defined gauge '{metric.Name}'.");
                    text.Sample(name, metric.Value);
                    break;
                default:
                    text.Family(name, "summary", $"Filter-defined histogram '{metric.Name}' (count and sum of its samples).");
                    text.Sample(name + "_sum", metric.SampleSum);
                    text.Sample(name + "_count", metric.SampleCount);
                    break;
            }
        }
    }
}
