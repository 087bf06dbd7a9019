using System.Globalization;

namespace Weir.Hub.Web.Layout;

/// <summary>How numbers, sizes, digests and times read on the pages.</summary>
internal static class Display
{
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary><c>sha256:0123456789ab</c>: enough to tell digests apart at a glance; pages show the full digest beside it.</summary>
    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && digest.Length > colon + 13 ? digest[..(colon + 13)] : digest;
    }

    /// <summary>The hex part of a digest.</summary>
    public static string DigestHex(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? digest[(colon + 1)..] : digest;
    }

    public static string Plural(long count, string singular, string plural) =>
        Count(count) + " " + (count == 1 ? singular : plural);

    /// <summary>A <c>&lt;time&gt;</c> element reading "3 hours ago", with the exact UTC time as its machine value and tooltip.</summary>
    public static HtmlString Time(DateTimeOffset value, DateTimeOffset now)
    {
        var exact = value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var html = new HtmlBuilder(128);
        html.Append($"<time datetime=\"{value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\" title=\"{exact}\">{Relative(value, now)}</time>");
        return html.ToHtml();
    }

    public static string Relative(DateTimeOffset value, DateTimeOffset now)
    {
        var elapsed = now - value;
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (elapsed < TimeSpan.FromHours(1))
        {
            return Plural((long)elapsed.TotalMinutes, "minute", "minutes") + " ago";
        }

        if (elapsed < TimeSpan.FromDays(1))
        {
            return Plural((long)elapsed.TotalHours, "hour", "hours") + " ago";
        }

        if (elapsed < TimeSpan.FromDays(45))
        {
            return Plural((long)elapsed.TotalDays, "day", "days") + " ago";
        }

        return value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }
}
