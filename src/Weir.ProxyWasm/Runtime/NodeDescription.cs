namespace Weir.ProxyWasm;

/// <summary>The proxy's own description, which filters read as the <c>node</c> property (Istio filters read <c>node.metadata.*</c>).</summary>
public sealed class NodeDescription
{
    /// <summary>The node id (<c>node.id</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The node's cluster (<c>node.cluster</c>).</summary>
    public string? Cluster { get; init; }

    /// <summary>Node metadata (<c>node.metadata</c> as a map, <c>node.metadata.KEY</c> as a string).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>A node without id, cluster or metadata.</summary>
    public static NodeDescription Empty { get; } = new();
}
