namespace Weir.Wasm.Model;

/// <summary>An import of the module. Exactly one of the type properties is set, as <see cref="Kind"/> says.</summary>
/// <param name="Module">The module name to import from.</param>
/// <param name="Name">The item name.</param>
/// <param name="Kind">What is imported.</param>
/// <param name="FunctionTypeIndex">For functions: the index of the signature in the type section.</param>
/// <param name="Table">For tables: the table type.</param>
/// <param name="Memory">For memories: the memory type.</param>
/// <param name="Global">For globals: the global type.</param>
public sealed record Import(string Module, string Name, ExternalKind Kind, uint FunctionTypeIndex = 0, TableType? Table = null, MemoryType? Memory = null, GlobalType? Global = null);
