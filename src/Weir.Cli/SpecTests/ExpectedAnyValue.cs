using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Any value of a type. wast2json writes expectations this way where only the result types are
/// known, such as <c>assert_trap</c>'s <c>{"type": "v128"}</c> (no lanes, no lane type).
/// </summary>
internal sealed class ExpectedAnyValue : ExpectedValue
{
    public ExpectedAnyValue(ValueKind kind)
        : base(kind)
    {
    }

    public override string ToString() => ValueKinds.ToText(Kind);

    protected override bool MatchesSameKind(Value actual) => true;
}
