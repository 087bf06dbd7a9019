using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.SpecTests;

/// <summary>An expected funcref or externref.</summary>
internal sealed class ExpectedReference : ExpectedValue
{
    public ExpectedReference(ValueKind kind, ReferenceExpectation expectation, HostReference? target = null)
        : base(kind)
    {
        if (!ValueKinds.IsReference(kind))
        {
            throw new ArgumentException($"{ValueKinds.ToText(kind)} is not a reference type", nameof(kind));
        }

        if ((expectation == ReferenceExpectation.Identical) != (target is not null))
        {
            throw new ArgumentException("a target is needed for, and only for, an identical-reference expectation", nameof(target));
        }

        Expectation = expectation;
        Target = target;
    }

    public ReferenceExpectation Expectation { get; }

    /// <summary>The host object an <see cref="ReferenceExpectation.Identical"/> expectation wants.</summary>
    public HostReference? Target { get; }

    public override string ToString() => Expectation switch
    {
        ReferenceExpectation.Null => $"{ValueKinds.ToText(Kind)}:null",
        ReferenceExpectation.NonNull => $"{ValueKinds.ToText(Kind)}:non-null",
        _ => $"{ValueKinds.ToText(Kind)}:{Target!.Id}",
    };

    protected override bool MatchesSameKind(Value actual) => Expectation switch
    {
        ReferenceExpectation.Null => actual.AsReference() is null,
        ReferenceExpectation.NonNull => actual.AsReference() is not null,
        _ => ReferenceEquals(actual.AsReference(), Target),
    };
}
