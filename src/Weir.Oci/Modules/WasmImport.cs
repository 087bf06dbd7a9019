namespace Weir.Oci.Modules;

/// <summary>One import of a core module.</summary>
/// <param name="Module">The module name (e.g. <c>env</c>, <c>wasi_snapshot_preview1</c>).</param>
/// <param name="Name">The field name.</param>
/// <param name="Kind">What is imported.</param>
public sealed record WasmImport(string Module, string Name, WasmExternalKind Kind);
