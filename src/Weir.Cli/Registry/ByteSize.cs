using System.Globalization;

namespace Weir.Cli.Registry;

/// <summary>Human-readable byte counts (binary units, as in "2.5 MiB").</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[unit]}");
    }

    /// <summary>Parses "4194304", "512KiB", "4MiB", "4M", "1G".</summary>
    public static long Parse(string text)
    {
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && char.IsAsciiDigit(trimmed[split]))
        {
            split++;
        }

        if (split == 0 || !long.TryParse(trimmed[..split], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new CommandLineException($"'{text}' is not a size; use bytes or a suffix such as 512KiB or 4MiB.");
        }

        var multiplier = trimmed[split..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" or "KIB" => 1024L,
            "M" or "MB" or "MIB" => 1024L * 1024,
            "G" or "GB" or "GIB" => 1024L * 1024 * 1024,
            _ => throw new CommandLineException($"'{text}' has an unknown unit; use KiB, MiB or GiB."),
        };
        return checked(number * multiplier);
    }
}
