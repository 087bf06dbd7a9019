using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.SpecTests;

/// <summary>An expected i32, i64, f32 or f64: exact bits, or for floats a NaN class.</summary>
internal sealed class ExpectedScalar : ExpectedValue
{
    public ExpectedScalar(ValueKind kind, ExpectedNumber number)
        : base(kind)
    {
        if (kind is not (ValueKind.I32 or ValueKind.I64 or ValueKind.F32 or ValueKind.F64))
        {
            throw new ArgumentException($"{ValueKinds.ToText(kind)} is not a scalar type", nameof(kind));
        }

        Number = number;
    }

    public ExpectedNumber Number { get; }

    private int BitWidth => Kind is ValueKind.I32 or ValueKind.F32 ? 32 : 64;

    private bool IsFloat => Kind is ValueKind.F32 or ValueKind.F64;

    public override string ToString() => SpecValueText.FormatScalar(Kind, Number);

    protected override bool MatchesSameKind(Value actual) =>
        Number.Matches((ulong)actual.Bits, BitWidth, IsFloat);
}
