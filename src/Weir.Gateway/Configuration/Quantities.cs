using System.Globalization;

namespace Weir.Gateway.Configuration;

/// <summary>Parses the durations (<c>15s</c>, <c>50ms</c>) and sizes (<c>64MiB</c>) of the configuration; errors are returned, not thrown.</summary>
internal static class Quantities
{
    /// <summary>A duration such as <c>250us</c>, <c>50ms</c>, <c>1.5s</c>, <c>2m</c> or <c>1h</c>; <c>0</c> is accepted only where <paramref name="allowZero"/>.</summary>
    public static bool TryParseDuration(string text, bool allowZero, out TimeSpan duration, out string error)
    {
        duration = default;
        var trimmed = text.Trim();
        if (allowZero && trimmed is "0")
        {
            error = string.Empty;
            return true;
        }

        var (number, unit) = Split(trimmed);
        long ticksPerUnit = unit switch
        {
            "us" or "µs" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0,
        };
        if (ticksPerUnit == 0)
        {
            error = $"'{text}' is not a duration: use a number with a unit (us, ms, s, m, h), for example 500ms or 15s";
            return false;
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            error = $"'{text}' is not a duration: expected a number before the unit";
            return false;
        }

        if (value == 0 && !allowZero)
        {
            error = $"'{text}': the duration must be greater than zero";
            return false;
        }

        var ticks = value * ticksPerUnit;
        if (ticks > TimeSpan.FromDays(1).Ticks)
        {
            error = $"'{text}': durations longer than a day are not supported";
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        error = string.Empty;
        return true;
    }

    /// <summary>A size in bytes such as <c>65536</c>, <c>64KiB</c>, <c>64MiB</c>, <c>1GiB</c> or <c>10MB</c>.</summary>
    public static bool TryParseSize(string text, out ulong bytes, out string error)
    {
        bytes = 0;
        var (number, unit) = Split(text.Trim());
        ulong factor = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KIB" or "KI" => 1UL << 10,
            "MIB" or "MI" => 1UL << 20,
            "GIB" or "GI" => 1UL << 30,
            "KB" => 1_000,
            "MB" => 1_000_000,
            "GB" => 1_000_000_000,
            _ => 0,
        };
        if (factor == 0)
        {
            error = $"'{text}' is not a size: use bytes or a unit (KiB, MiB, GiB, KB, MB, GB), for example 64MiB";
            return false;
        }

        if (!ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > ulong.MaxValue / factor)
        {
            error = $"'{text}' is not a size: expected a whole number of bytes or units, for example 65536 or 64MiB";
            return false;
        }

        bytes = value * factor;
        error = string.Empty;
        return true;
    }

    /// <summary>Formats a duration the way the configuration writes it (<c>15s</c>, <c>50ms</c>).</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0";
        }

        if (duration.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerSecond}s");
        }

        if (duration.Ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerMillisecond}ms");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / (double)TimeSpan.TicksPerMicrosecond}us");
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
