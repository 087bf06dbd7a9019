using Weir.Wasm;

namespace Weir.Fuzz.Differential;

/// <summary>An exported global whose value both engines report after every call.</summary>
internal sealed record ObservedGlobal(string Name, ValueKind Type);
