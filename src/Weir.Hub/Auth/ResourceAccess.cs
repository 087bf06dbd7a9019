namespace Weir.Hub.Auth;

/// <summary>One entry of a token's access list, e.g. <c>repository</c> <c>team/filter</c> <c>[pull, push]</c>.</summary>
internal sealed record ResourceAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string RepositoryType = "repository";
    public const string RegistryType = "registry";
    public const string CatalogName = "catalog";

    /// <summary>
    /// Parses a scope, <c>type:name:actions</c>. The name may itself contain <c>host:port</c>, so the type
    /// ends at the first colon and the actions start after the last one. Returns null for malformed scopes.
    /// </summary>
    public static ResourceAccess? Parse(string scope)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first + 1)
        {
            return null;
        }

        var type = scope[..first];
        var parenthesis = type.IndexOf('(', StringComparison.Ordinal);
        if (parenthesis > 0)
        {
            // "repository(plugin)": the resource class is deprecated and ignored.
            type = type[..parenthesis];
        }

        var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ResourceAccess(type, scope[(first + 1)..last], actions);
    }

    public override string ToString() => $"{Type}:{Name}:{string.Join(',', Actions)}";
}
