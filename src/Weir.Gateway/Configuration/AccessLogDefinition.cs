namespace Weir.Gateway.Configuration;

/// <summary>Where JSON-lines access log entries go.</summary>
/// <param name="Path">A file (appended to), or <c>-</c> for standard output.</param>
internal sealed record AccessLogDefinition(string Path)
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutput = "-";
}
