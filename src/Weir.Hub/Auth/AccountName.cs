using System.Text.RegularExpressions;

namespace Weir.Hub.Auth;

/// <summary>User and organisation names: one repository path component, so <c>alice/filter</c> reads as alice's namespace.</summary>
internal static partial class AccountName
{
    public const int MaxLength = 64;

    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise what is wrong with it.</summary>
    public static string? Validate(string name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return $"names have 1 to {MaxLength} characters";
        }

        return Pattern().IsMatch(name)
            ? null
            : "use lowercase letters and digits, optionally separated by single '.', '_' or '-'";
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
