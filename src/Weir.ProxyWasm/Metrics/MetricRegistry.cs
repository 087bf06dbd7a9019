namespace Weir.ProxyWasm;

/// <summary>
/// The metrics filters define (<c>proxy_define_metric</c>), shared by every plugin and VM of a
/// runtime: defining the same name and type again returns the same metric, as in Envoy. Metric ids
/// carry the type in their two low bits. Thread-safe.
/// </summary>
public sealed class MetricRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(ProxyMetricType Type, string Name), int> _indexByName = [];
    private readonly List<Metric> _metrics = [];

    /// <summary>Every metric, in definition order.</summary>
    public IReadOnlyList<MetricSnapshot> Snapshot()
    {
        lock (_lock)
        {
            return _metrics.Select(metric => metric.Snapshot()).ToList();
        }
    }

    /// <summary>The metric with this name (and type, when given), or null.</summary>
    public MetricSnapshot? Find(string name, ProxyMetricType? type = null)
    {
        lock (_lock)
        {
            return _metrics.FirstOrDefault(metric => metric.Name == name && (type is null || metric.Type == type))?.Snapshot();
        }
    }

    internal ProxyStatus Define(int type, string name, out uint id)
    {
        id = 0;
        if (type is < 0 or > 2)
        {
            return ProxyStatus.BadArgument;
        }

        var metricType = (ProxyMetricType)type;
        lock (_lock)
        {
            if (!_indexByName.TryGetValue((metricType, name), out var index))
            {
                index = _metrics.Count;
                _metrics.Add(new Metric(name, metricType));
                _indexByName.Add((metricType, name), index);
            }

            id = ((uint)(index + 1) << 2) | (uint)type;
            return ProxyStatus.Ok;
        }
    }

    internal ProxyStatus Increment(uint id, long delta)
    {
        if (!TryFind(id, out var metric))
        {
            return ProxyStatus.NotFound;
        }

        switch (metric.Type)
        {
            case ProxyMetricType.Counter when delta > 0:
            case ProxyMetricType.Gauge:
                metric.Add(delta);
                return ProxyStatus.Ok;
            default:
                // Envoy: counters only go up, and histograms take samples, not increments.
                return ProxyStatus.BadArgument;
        }
    }

    internal ProxyStatus Record(uint id, ulong value)
    {
        if (!TryFind(id, out var metric))
        {
            return ProxyStatus.NotFound;
        }

        switch (metric.Type)
        {
            case ProxyMetricType.Counter:
                // Envoy adds to a counter rather than setting it.
                metric.Add(unchecked((long)value));
                break;
            case ProxyMetricType.Gauge:
                metric.Set(unchecked((long)value));
                break;
            default:
                metric.RecordSample(value);
                break;
        }

        return ProxyStatus.Ok;
    }

    internal ProxyStatus Get(uint id, out ulong value)
    {
        value = 0;
        if (!TryFind(id, out var metric))
        {
            return ProxyStatus.NotFound;
        }

        if (metric.Type == ProxyMetricType.Histogram)
        {
            return ProxyStatus.BadArgument;
        }

        value = unchecked((ulong)metric.Value);
        return ProxyStatus.Ok;
    }

    private bool TryFind(uint id, out Metric metric)
    {
        var index = (int)(id >> 2) - 1;
        lock (_lock)
        {
            if (index >= 0 && index < _metrics.Count && (uint)_metrics[index].Type == (id & 3))
            {
                metric = _metrics[index];
                return true;
            }
        }

        metric = null!;
        return false;
    }

    private sealed class Metric(string name, ProxyMetricType type)
    {
        private readonly Lock _samplesLock = new();
        private long _value;
        private long _sampleCount;
        private double _sampleSum;
        private ulong? _minimum;
        private ulong? _maximum;

        public string Name { get; } = name;

        public ProxyMetricType Type { get; } = type;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long delta) => Interlocked.Add(ref _value, delta);

        public void Set(long value) => Interlocked.Exchange(ref _value, value);

        public void RecordSample(ulong sample)
        {
            lock (_samplesLock)
            {
                _sampleCount++;
                _sampleSum += sample;
                _minimum = _minimum is { } minimum ? Math.Min(minimum, sample) : sample;
                _maximum = _maximum is { } maximum ? Math.Max(maximum, sample) : sample;
            }
        }

        public MetricSnapshot Snapshot()
        {
            lock (_samplesLock)
            {
                return Type == ProxyMetricType.Histogram
                    ? new MetricSnapshot(Name, Type, _sampleCount, _sampleCount, _sampleSum, _minimum, _maximum)
                    : new MetricSnapshot(Name, Type, Value, 0, 0, null, null);
            }
        }
    }
}
