using YamlDotNet.RepresentationModel;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>A <c>typed_config</c> (google.protobuf.Any): the schema is chosen by its <c>@type</c>.</summary>
internal sealed record TypedConfigSchema(IReadOnlyDictionary<string, DocumentSchema> ByType) : DocumentSchema
{
    public override IEnumerable<string> Check(YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("@type"), out var type) || type is not YamlScalarNode { Value: { } name })
        {
            return [$"{path}: a typed_config needs an @type"];
        }

        return ByType.TryGetValue(name, out var schema) ? schema.Check(node, path) : [$"{path}.@type: '{name}' is not a type this bootstrap should use"];
    }
}
