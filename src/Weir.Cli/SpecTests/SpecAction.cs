using System.Collections.Immutable;
using Weir.Wasm;

namespace Weir.Cli.SpecTests;

/// <summary>An <c>invoke</c> or <c>get</c> on an export of the current module or of a named one.</summary>
/// <param name="Kind">Invoke a function or get a global.</param>
/// <param name="ModuleName">The module's script name (such as <c>$M1</c>), or null for the most recent module.</param>
/// <param name="Field">The export's name.</param>
/// <param name="Arguments">The call's arguments (none for <c>get</c>).</param>
internal sealed record SpecAction(SpecActionKind Kind, string? ModuleName, string Field, ImmutableArray<Value> Arguments)
{
    public override string ToString()
    {
        var target = ModuleName is null ? Field : $"{ModuleName}.{Field}";
        return Kind == SpecActionKind.Get
            ? $"get {target}"
            : $"{target}({string.Join(", ", Arguments.Select(SpecValueText.Format))})";
    }
}
