namespace Weir.Gateway.Configuration;

/// <summary>A condition on a request header.</summary>
/// <param name="Name">The header name (case-insensitive).</param>
/// <param name="Kind">How the value is compared.</param>
/// <param name="Value">The value, prefix or pattern; null for <see cref="HeaderMatchKind.Present"/> and <see cref="HeaderMatchKind.Absent"/>.</param>
internal sealed record HeaderMatchDefinition(string Name, HeaderMatchKind Kind, string? Value);
