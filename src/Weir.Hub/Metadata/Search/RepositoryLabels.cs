namespace Weir.Hub.Metadata.Search;

/// <summary>
/// Labels owners put on repositories (<c>auth</c>, <c>rate-limiting</c>): lowercase words of
/// <c>a-z 0-9 . - _</c>, stored comma-separated like ABI versions.
/// </summary>
internal static class RepositoryLabels
{
    public const int MaxLabels = 10;
    public const int MaxLabelLength = 32;

    /// <summary>Parses what an owner typed (commas or spaces between labels).</summary>
    /// <exception cref="FormatException">A label has other characters, is too long, or there are too many.</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var labels = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return labels;
        }

        foreach (var raw in text.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var label = raw.ToLowerInvariant();
            if (label.Length > MaxLabelLength || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || !char.IsAsciiLetterOrDigit(label[0]))
            {
                throw new FormatException($"'{raw}' is not a label: use up to {MaxLabelLength} letters, digits, '.', '-' or '_', starting with a letter or digit.");
            }

            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        }

        if (labels.Count > MaxLabels)
        {
            throw new FormatException($"A repository has at most {MaxLabels} labels; {labels.Count} were given.");
        }

        return labels;
    }

    /// <summary>The stored form: comma-separated.</summary>
    public static string Join(IEnumerable<string> values) => string.Join(',', values);

    /// <summary>Reads the stored form back.</summary>
    public static IReadOnlyList<string> Split(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
