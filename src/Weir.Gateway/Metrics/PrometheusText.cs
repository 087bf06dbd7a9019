using System.Globalization;
using System.Text;

namespace Weir.Gateway.Metrics;

/// <summary>Builds Prometheus text exposition format (version 0.0.4): HELP and TYPE once per family, escaped label values.</summary>
internal sealed class PrometheusText
{
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    public void Family(string name, string type, string help)
    {
        if (_declared.Add(name))
        {
            _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }
    }

    public void Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"");
                AppendEscaped(labels[i].Value);
                _text.Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
    }

    /// <summary>A histogram family's buckets, sum and count.</summary>
    public void Histogram(string name, LatencyHistogram histogram, params (string Name, string Value)[] labels)
    {
        var (cumulative, count, sum) = histogram.Snapshot();
        for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
        {
            Sample(name + "_bucket", cumulative[i], [.. labels, ("le", Format(LatencyHistogram.Bounds[i]))]);
        }

        Sample(name + "_bucket", count, [.. labels, ("le", "+Inf")]);
        Sample(name + "_sum", sum, labels);
        Sample(name + "_count", count, labels);
    }

    public override string ToString() => _text.ToString();

    /// <summary>A metric name made of allowed characters only ([a-zA-Z0-9_:]).</summary>
    public static string SanitizeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character is '_' or ':' ? character : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private void AppendEscaped(string value)
    {
        foreach (var character in value)
        {
            switch (character)
            {
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                default:
                    _text.Append(character);
                    break;
            }
        }
    }
}
