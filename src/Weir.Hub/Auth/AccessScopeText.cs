namespace Weir.Hub.Auth;

/// <summary>Converts <see cref="AccessScopes"/> to and from the comma-separated words used on the command line, in the database and in registry scopes.</summary>
internal static class AccessScopeText
{
    private static readonly (AccessScopes Scope, string Word)[] Words =
    [
        (AccessScopes.Pull, "pull"),
        (AccessScopes.Push, "push"),
        (AccessScopes.Delete, "delete"),
        (AccessScopes.Admin, "admin"),
    ];

    /// <summary>Parses <c>pull,push</c>; <c>*</c> means every scope.</summary>
    /// <exception cref="FormatException">A word is not a known scope.</exception>
    public static AccessScopes Parse(string text)
    {
        var result = AccessScopes.None;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result |= ParseWord(raw) ?? throw new FormatException($"Unknown scope '{raw}'; use pull, push, delete, admin or *.");
        }

        return result;
    }

    /// <summary>Parses registry actions (<c>pull,push</c>, <c>*</c>), ignoring unknown words as the token protocol asks.</summary>
    public static AccessScopes ParseActions(IEnumerable<string> actions)
    {
        var result = AccessScopes.None;
        foreach (var action in actions)
        {
            result |= ParseWord(action) ?? AccessScopes.None;
        }

        return result;
    }

    public static string Format(AccessScopes scopes) => string.Join(',', ToActions(scopes));

    /// <summary>The registry action words for <paramref name="scopes"/> (admin is Weir-only and maps to nothing extra).</summary>
    public static IReadOnlyList<string> ToActions(AccessScopes scopes) =>
        Words.Where(entry => (scopes & entry.Scope) != 0).Select(entry => entry.Word).ToList();

    /// <summary>Admin implies pull, push and delete.</summary>
    public static AccessScopes Expand(AccessScopes scopes) =>
        (scopes & AccessScopes.Admin) != 0 ? AccessScopes.All : scopes;

    private static AccessScopes? ParseWord(string word) => word switch
    {
        "*" => AccessScopes.All,
        _ => Words.FirstOrDefault(entry => entry.Word == word) is { Word: not null } found ? found.Scope : null,
    };
}
