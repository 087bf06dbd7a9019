namespace Weir.Gateway.Configuration;

/// <summary>The result of parsing: the definition when there were no errors, where each field was written, and the errors.</summary>
internal sealed record ParsedConfiguration(GatewayDefinition? Definition, SourceLocations Locations, IReadOnlyList<ConfigurationError> Errors)
{
    public bool Succeeded => Definition is not null && Errors.Count == 0;
}
