using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weir.Fuzz.Tools;

/// <summary>The JSON settings of the harness protocol and of saved findings (camelCase, enums by name).</summary>
internal static class FuzzJson
{
    public static JsonSerializerOptions Compact { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static JsonSerializerOptions Indented { get; } = new(Compact) { WriteIndented = true };
}
