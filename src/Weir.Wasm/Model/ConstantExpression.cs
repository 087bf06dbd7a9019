using System.Collections.Immutable;
using Weir.Wasm.Instructions;

namespace Weir.Wasm.Model;

/// <summary>
/// An initializer expression (global initial values, segment offsets, element items) as the
/// instructions it holds, without the final <c>end</c>. The validator checks that they are constant.
/// </summary>
/// <param name="Instructions">The decoded instructions.</param>
/// <param name="Offset">The byte offset of the expression in the binary.</param>
public sealed record ConstantExpression(ImmutableArray<Instruction> Instructions, long Offset);
