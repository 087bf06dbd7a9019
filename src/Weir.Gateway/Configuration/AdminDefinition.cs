namespace Weir.Gateway.Configuration;

/// <summary>The admin listener (<c>/ready</c>, <c>/stats</c>, <c>/metrics</c>, <c>/config_dump</c>, <c>POST /reload</c>).</summary>
/// <param name="Address">Where it listens, for example <c>127.0.0.1:9901</c>.</param>
internal sealed record AdminDefinition(string Address);
