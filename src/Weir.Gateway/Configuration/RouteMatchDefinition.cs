namespace Weir.Gateway.Configuration;

/// <summary>What a route matches: a path (prefix, exact or regular expression), and optionally headers and methods; all must match.</summary>
internal sealed record RouteMatchDefinition(
    PathMatchKind PathKind,
    string Path,
    IReadOnlyList<HeaderMatchDefinition> Headers,
    IReadOnlyList<string> Methods);
