using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weir.Gateway.Configuration;

/// <summary>
/// JSON for definitions: <c>/config_dump</c> shows the active configuration with it, and reload compares
/// clusters and filters by their JSON to decide which running ones can be kept.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(GatewayDefinition))]
[JsonSerializable(typeof(ClusterDefinition))]
[JsonSerializable(typeof(FilterDefinition))]
internal sealed partial class DefinitionJson : JsonSerializerContext
{
    /// <summary>A stable text of a definition, for equality across reloads.</summary>
    public static string Fingerprint(ClusterDefinition definition) => JsonSerializer.Serialize(definition, Default.ClusterDefinition);

    /// <summary>A stable text of a definition, for equality across reloads.</summary>
    public static string Fingerprint(FilterDefinition definition) => JsonSerializer.Serialize(definition, Default.FilterDefinition);
}
