namespace Weir.Wasm.Model;

/// <summary>The type of a global: its value type and whether it may be set.</summary>
public sealed record GlobalType(ValueKind Kind, bool Mutable);
