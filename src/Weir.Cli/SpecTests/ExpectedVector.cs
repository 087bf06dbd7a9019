using System.Collections.Immutable;
using System.Runtime.Intrinsics;
using Weir.Wasm;

namespace Weir.Cli.SpecTests;

/// <summary>An expected v128, lane by lane in the given shape; float lanes may expect a NaN class.</summary>
internal sealed class ExpectedVector : ExpectedValue
{
    public ExpectedVector(VectorShape shape, ImmutableArray<ExpectedNumber> lanes)
        : base(ValueKind.V128)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (lanes.Length != shape.LaneCount)
        {
            throw new SpecFormatException($"a {shape} value needs {shape.LaneCount} lanes, not {lanes.Length}");
        }

        Shape = shape;
        Lanes = lanes;
    }

    public VectorShape Shape { get; }

    public ImmutableArray<ExpectedNumber> Lanes { get; }

    public override string ToString() =>
        $"v128:{Shape}[{string.Join(' ', Lanes.Select(lane => SpecValueText.FormatLane(Shape, lane)))}]";

    public override string Describe(Value actual) =>
        actual.Kind == ValueKind.V128 ? SpecValueText.FormatVector(actual, Shape) : base.Describe(actual);

    protected override bool MatchesSameKind(Value actual)
    {
        Span<byte> bytes = stackalloc byte[16];
        actual.AsVector().CopyTo(bytes);
        for (var lane = 0; lane < Lanes.Length; lane++)
        {
            if (!Lanes[lane].Matches(Shape.ReadLane(bytes, lane), Shape.LaneBits, Shape.IsFloat))
            {
                return false;
            }
        }

        return true;
    }
}
