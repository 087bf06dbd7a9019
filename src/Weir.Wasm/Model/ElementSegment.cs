using System.Collections.Immutable;

namespace Weir.Wasm.Model;

/// <summary>How an element or data segment is used.</summary>
public enum SegmentMode
{
    /// <summary>Copied into a table or memory at instantiation.</summary>
    Active,
    /// <summary>Available to <c>table.init</c>/<c>memory.init</c> until dropped.</summary>
    Passive,
    /// <summary>Only declares function references for <c>ref.func</c>; dropped at instantiation.</summary>
    Declarative,
}

/// <summary>An element segment: references to put in a table.</summary>
/// <param name="Mode">Active, passive or declarative.</param>
/// <param name="ElementKind">The reference type of the items.</param>
/// <param name="TableIndex">For active segments: the table.</param>
/// <param name="TableOffset">For active segments: where in the table.</param>
/// <param name="Items">The items, each a constant expression of the element type.</param>
public sealed record ElementSegment(SegmentMode Mode, ValueKind ElementKind, uint TableIndex, ConstantExpression? TableOffset, ImmutableArray<ConstantExpression> Items);
