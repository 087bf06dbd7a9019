using Weir.Wasm;

namespace Weir.Fuzz.Differential;

/// <summary>A global the module imports; both engines provide it (externref: a non-null host value, v128: nothing, so the link fails; others: zero).</summary>
internal sealed record ImportedGlobal(string Module, string Name, ValueKind Type, bool Mutable);
