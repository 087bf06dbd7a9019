using System.Globalization;

namespace Weir.Cli.Run;

/// <summary>Parses the durations and sizes of weir run's options.</summary>
internal static class QuantityParser
{
    /// <summary>A duration such as <c>5s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c> or <c>1.5s</c> (a number needs a unit).</summary>
    /// <exception cref="FormatException">The text is not a positive duration with a unit.</exception>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.TrimStart().StartsWith('-'))
        {
            throw new FormatException($"duration '{text}': expected a positive number before the unit");
        }

        var (number, unit) = Split(text.Trim());
        var factor = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" or "min" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "us" or "µs" => TimeSpan.FromMicroseconds(1),
            _ => throw new FormatException($"duration '{text}': use a number with a unit: ms, s, m or h (for example 500ms or 5s)"),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value))
        {
            throw new FormatException($"duration '{text}': expected a positive number before the unit");
        }

        return TimeSpan.FromTicks((long)Math.Min(value * factor.Ticks, TimeSpan.MaxValue.Ticks));
    }

    /// <summary>A size in bytes such as <c>65536</c>, <c>64KiB</c>, <c>64MiB</c>, <c>1GiB</c> or <c>10MB</c>.</summary>
    /// <exception cref="FormatException">The text is not a size.</exception>
    public static ulong ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = Split(text.Trim());
        ulong factor = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KIB" or "K" => 1UL << 10,
            "MIB" or "M" => 1UL << 20,
            "GIB" or "G" => 1UL << 30,
            "KB" => 1_000,
            "MB" => 1_000_000,
            "GB" => 1_000_000_000,
            _ => throw new FormatException($"size '{text}': use bytes or a unit: KiB, MiB, GiB (or KB, MB, GB), for example 64MiB"),
        };
        if (!ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > ulong.MaxValue / factor)
        {
            throw new FormatException($"size '{text}': expected a whole number of bytes or units, for example 65536 or 64MiB");
        }

        return value * factor;
    }

    private static (string Number, string Unit) Split(string text)
    {
        var index = 0;
        while (index < text.Length && (char.IsAsciiDigit(text[index]) || text[index] == '.'))
        {
            index++;
        }

        return (text[..index], text[index..].Trim());
    }
}
