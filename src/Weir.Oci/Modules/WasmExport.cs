namespace Weir.Oci.Modules;

/// <summary>One export of a core module.</summary>
/// <param name="Name">The export name.</param>
/// <param name="Kind">What is exported.</param>
/// <param name="Index">The index in the corresponding index space.</param>
public sealed record WasmExport(string Name, WasmExternalKind Kind, uint Index);
