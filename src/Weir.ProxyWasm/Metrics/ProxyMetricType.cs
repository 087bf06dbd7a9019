namespace Weir.ProxyWasm;

/// <summary><c>proxy_metric_type_t</c>.</summary>
public enum ProxyMetricType
{
    /// <summary>Only goes up.</summary>
    Counter = 0,

    /// <summary>Goes up and down, or is set.</summary>
    Gauge = 1,

    /// <summary>Records samples.</summary>
    Histogram = 2,
}
