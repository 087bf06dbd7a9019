using System.Collections.Immutable;
using System.Text;

namespace Weir.Wasm.Model;

/// <summary>A function signature: parameter and result types. Equal by structure.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    /// <summary>Creates a signature.</summary>
    public FunctionType(ImmutableArray<ValueKind> parameters, ImmutableArray<ValueKind> results)
    {
        Parameters = parameters;
        Results = results;
    }

    /// <summary>The parameter types in order.</summary>
    public ImmutableArray<ValueKind> Parameters { get; }

    /// <summary>The result types in order.</summary>
    public ImmutableArray<ValueKind> Results { get; }

    /// <inheritdoc />
    public bool Equals(FunctionType? other) =>
        other is not null && Parameters.AsSpan().SequenceEqual(other.Parameters.AsSpan()) && Results.AsSpan().SequenceEqual(other.Results.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var kind in Parameters)
        {
            hash.Add(kind);
        }

        hash.Add(0xFF);
        foreach (var kind in Results)
        {
            hash.Add(kind);
        }

        return hash.ToHashCode();
    }

    /// <summary>The text-format rendering, for example <c>(func (param i32 i32) (result i32))</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("(func");
        if (Parameters.Length > 0)
        {
            builder.Append(" (param ").AppendJoin(' ', Parameters.Select(ValueKinds.ToText)).Append(')');
        }

        if (Results.Length > 0)
        {
            builder.Append(" (result ").AppendJoin(' ', Results.Select(ValueKinds.ToText)).Append(')');
        }

        return builder.Append(')').ToString();
    }
}
