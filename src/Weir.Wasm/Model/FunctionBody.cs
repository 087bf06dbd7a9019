using System.Collections.Immutable;

namespace Weir.Wasm.Model;

/// <summary>A function's code: its declared locals and where its instructions lie in the binary.</summary>
/// <param name="Locals">The declared locals after the parameters, expanded to one entry per local.</param>
/// <param name="CodeOffset">The byte offset in the binary of the first instruction.</param>
/// <param name="CodeLength">The number of bytes of instructions, the final <c>end</c> included.</param>
public sealed record FunctionBody(ImmutableArray<ValueKind> Locals, int CodeOffset, int CodeLength);
