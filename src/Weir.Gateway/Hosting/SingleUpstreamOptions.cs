namespace Weir.Gateway;

/// <summary>The one-line gateway of <c>weir proxy --listen … --upstream … --filter …</c>: one listener, one route for every path, one cluster.</summary>
public sealed record SingleUpstreamOptions
{
    /// <summary>The listen address, for example <c>127.0.0.1:8080</c>.</summary>
    public required string Listen { get; init; }

    /// <summary>The upstream base address, for example <c>http://127.0.0.1:9000</c>.</summary>
    public required string Upstream { get; init; }

    /// <summary>The filter chain, in order.</summary>
    public IReadOnlyList<SingleUpstreamFilter> Filters { get; init; } = [];

    /// <summary>The admin listen address, or null for no admin listener.</summary>
    public string? Admin { get; init; }

    /// <summary>The access log file (<c>-</c> for standard output), or null for none.</summary>
    public string? AccessLog { get; init; }
}
