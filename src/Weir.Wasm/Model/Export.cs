namespace Weir.Wasm.Model;

/// <summary>An export: a name for an item of one of the index spaces.</summary>
/// <param name="Name">The export name, unique in the module.</param>
/// <param name="Kind">The index space.</param>
/// <param name="Index">The index in that space (imports come first).</param>
public sealed record Export(string Name, ExternalKind Kind, uint Index);
