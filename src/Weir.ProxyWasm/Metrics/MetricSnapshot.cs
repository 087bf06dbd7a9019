namespace Weir.ProxyWasm;

/// <summary>The state of one metric at one moment.</summary>
/// <param name="Name">The name the filter defined.</param>
/// <param name="Type">Counter, gauge or histogram.</param>
/// <param name="Value">The counter's or gauge's value (a histogram's sample count).</param>
/// <param name="SampleCount">Histograms: how many samples were recorded.</param>
/// <param name="SampleSum">Histograms: the sum of the samples.</param>
/// <param name="SampleMinimum">Histograms: the smallest sample, or null without samples.</param>
/// <param name="SampleMaximum">Histograms: the largest sample, or null without samples.</param>
public sealed record MetricSnapshot(string Name, ProxyMetricType Type, long Value, long SampleCount, double SampleSum, ulong? SampleMinimum, ulong? SampleMaximum);
