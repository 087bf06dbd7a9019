namespace Weir.Hub.Metadata.Search;

/// <summary>
/// The words of the repository search index. Text is lowercased and cut into words of <c>a-z 0-9 . - _</c>
/// (anything else separates words); a word joined by <c>-</c> or <c>_</c> is indexed whole and by its parts,
/// so <c>add-header</c> is found by <c>add-header</c>, <c>add</c> and <c>header</c>. A query word matches
/// every indexed word it is a prefix of, which a B-tree index answers as a range in both databases.
/// </summary>
internal static class SearchTerms
{
    /// <summary>Longer words are cut; a longer query word still matches as a prefix of its first characters.</summary>
    public const int MaxTermLength = 64;

    /// <summary>Query words beyond this many are ignored (each one is a range scan).</summary>
    public const int MaxQueryTerms = 8;

    /// <summary>The index words of a repository.</summary>
    public static IReadOnlySet<string> ForRepository(string name, string description, string moduleDescription, IEnumerable<string> labels, IEnumerable<string> abiVersions)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        AddWithParts(terms, name);
        AddWithParts(terms, description);
        AddWithParts(terms, moduleDescription);
        foreach (var label in labels)
        {
            AddWithParts(terms, label);
        }

        foreach (var version in abiVersions)
        {
            // ABI versions are written v0.2.1; people also search for 0.2.1.
            AddWithParts(terms, version);
            if (version.StartsWith('v'))
            {
                AddWithParts(terms, version[1..]);
            }
        }

        return terms;
    }

    /// <summary>The prefixes a query asks for, in query order without repeats; empty when the query has no word characters.</summary>
    public static IReadOnlyList<string> ForQuery(string? query)
    {
        var prefixes = new List<string>();
        if (string.IsNullOrWhiteSpace(query))
        {
            return prefixes;
        }

        foreach (var word in Words(query))
        {
            if (!prefixes.Contains(word))
            {
                prefixes.Add(word);
            }

            if (prefixes.Count == MaxQueryTerms)
            {
                break;
            }
        }

        return prefixes;
    }

    /// <summary>
    /// The exclusive upper end of the range of words starting with <paramref name="prefix"/>: <c>~</c>
    /// sorts after every character a word may hold, in SQLite's BINARY and PostgreSQL's "C" collation alike.
    /// </summary>
    public static string UpperBound(string prefix) => prefix + "~";

    private static void AddWithParts(HashSet<string> terms, string text)
    {
        foreach (var word in Words(text))
        {
            terms.Add(word);
            if (word.AsSpan().IndexOfAny('-', '_') < 0)
            {
                continue;
            }

            foreach (var part in word.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim('.');
                if (trimmed.Length > 0)
                {
                    terms.Add(trimmed);
                }
            }
        }
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var index = 0; index <= text.Length; index++)
        {
            var isWordCharacter = index < text.Length && IsWordCharacter(text[index]);
            if (isWordCharacter && start < 0)
            {
                start = index;
            }
            else if (!isWordCharacter && start >= 0)
            {
                // Sentence punctuation ("filter.") and dangling joiners are not part of a word.
                var word = text[start..index].Trim('.', '-', '_').ToLowerInvariant();
                start = -1;
                if (word.Length > 0)
                {
                    yield return word.Length > MaxTermLength ? word[..MaxTermLength] : word;
                }
            }
        }
    }

    private static bool IsWordCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_';
}
