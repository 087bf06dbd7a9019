namespace Weir.Wasm.Model;

/// <summary>The type of a table: its reference element type and size limits.</summary>
public sealed record TableType(ValueKind ElementKind, Limits Limits);
