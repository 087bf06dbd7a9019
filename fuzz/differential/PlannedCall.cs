using Weir.Wasm;

namespace Weir.Fuzz.Differential;

/// <summary>One export to call, with its signature and the arguments in their wire form (<see cref="ValueText.FormatArgument"/>).</summary>
internal sealed record PlannedCall(string Name, IReadOnlyList<ValueKind> Parameters, IReadOnlyList<ValueKind> Results, IReadOnlyList<string> Arguments);
