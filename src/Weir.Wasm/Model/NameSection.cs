using System.Collections.Immutable;

namespace Weir.Wasm.Model;

/// <summary>The names the producer gave to the module, its functions and their locals (the "name" custom section).</summary>
/// <param name="ModuleName">The module's name, or null.</param>
/// <param name="FunctionNames">Function index to name.</param>
/// <param name="LocalNames">Function index to (local index to name).</param>
public sealed record NameSection(string? ModuleName, ImmutableDictionary<uint, string> FunctionNames, ImmutableDictionary<uint, ImmutableDictionary<uint, string>> LocalNames)
{
    /// <summary>A name section with nothing in it.</summary>
    public static NameSection Empty { get; } = new(null, ImmutableDictionary<uint, string>.Empty, ImmutableDictionary<uint, ImmutableDictionary<uint, string>>.Empty);
}
