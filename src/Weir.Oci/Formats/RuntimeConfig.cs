using System.Text.Json;

namespace Weir.Oci.Formats;

/// <summary>
/// The solo runtime config (<c>runtime-config.json</c>): runtime type, proxy-wasm ABI versions and root ids.
/// Read leniently (every spelling in <c>oci-wasm.md</c> §1.2), written strictly
/// (<c>type</c>, <c>abiVersions</c>, <c>config.rootIds</c>, compact).
/// </summary>
public sealed class RuntimeConfig
{
    /// <summary>The runtime type of proxy-wasm filters.</summary>
    public const string EnvoyProxyType = "envoy_proxy";

    /// <summary>Creates a runtime config.</summary>
    public RuntimeConfig(string type, IReadOnlyList<string> abiVersions, IReadOnlyList<string> rootIds)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(abiVersions);
        ArgumentNullException.ThrowIfNull(rootIds);
        Type = type;
        AbiVersions = abiVersions;
        RootIds = rootIds;
    }

    /// <summary>The target runtime, <c>envoy_proxy</c> for proxy-wasm filters.</summary>
    public string Type { get; }

    /// <summary>ABI versions of the hosts the module works with (e.g. <c>v0.2.1</c>).</summary>
    public IReadOnlyList<string> AbiVersions { get; }

    /// <summary>Root context ids the module registers.</summary>
    public IReadOnlyList<string> RootIds { get; }

    /// <summary>Parses a runtime config, accepting camelCase, proto names, and single strings where arrays are expected.</summary>
    /// <exception cref="FormatException">The bytes are not a JSON object.</exception>
    public static RuntimeConfig Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Invalid runtime config: not valid JSON ({exception.Message}).", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Invalid runtime config: expected a JSON object.");
            }

            var type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? typeElement.GetString()!
                : "";
            var abiVersions = ReadStrings(root, "abiVersions", "abi_versions", "abi_version", "abiVersion");
            IReadOnlyList<string> rootIds = [];
            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
            {
                rootIds = ReadStrings(config, "rootIds", "root_ids");
            }

            return new RuntimeConfig(type, abiVersions, rootIds);
        }
    }

    /// <summary>The strict, compact serialisation Weir writes (example A of <c>oci-wasm.md</c> byte for byte).</summary>
    public byte[] ToJsonBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", Type);
            if (AbiVersions.Count > 0)
            {
                writer.WriteStartArray("abiVersions");
                foreach (var version in AbiVersions)
                {
                    writer.WriteStringValue(version);
                }

                writer.WriteEndArray();
            }

            if (RootIds.Count > 0)
            {
                writer.WriteStartObject("config");
                writer.WriteStartArray("rootIds");
                foreach (var rootId in RootIds)
                {
                    writer.WriteStringValue(rootId);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static List<string> ReadStrings(JsonElement element, params string[] names)
    {
        var values = new List<string>();
        foreach (var name in names)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                AddSplit(values, value.GetString()!);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        AddSplit(values, item.GetString()!);
                    }
                }
            }

            if (values.Count > 0)
            {
                break;
            }
        }

        return values;
    }

    private static void AddSplit(List<string> values, string value)
    {
        // The spec's example writes a single comma-joined string (the same form as the manifest annotation).
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!values.Contains(part))
            {
                values.Add(part);
            }
        }
    }
}
