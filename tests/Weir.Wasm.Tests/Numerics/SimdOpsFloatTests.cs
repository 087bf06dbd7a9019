using System.Runtime.Intrinsics;
using Weir.Wasm.Numerics;
using static Weir.Wasm.Tests.Numerics.ScalarOpsFloatTests;

namespace Weir.Wasm.Tests.Numerics;

public sealed class SimdOpsFloatTests
{
    private const int SignallingSingleNaN = 0x7FA0_0001;
    private const long SignallingDoubleNaN = 0x7FF4_0000_0000_0001;

    [Fact]
    public void F32x4MinMax_SignedZeros_OrderMinusZeroFirst()
    {
        var a = Singles(0f, -0f, 0f, -0f);
        var b = Singles(-0f, 0f, 0f, -0f);
        Lanes(SimdOps.F32x4Min(a, b)).Should().Equal(Bits(-0f), Bits(-0f), 0, Bits(-0f));
        Lanes(SimdOps.F32x4Max(a, b)).Should().Equal(0, 0, 0, Bits(-0f));
    }

    [Fact]
    public void F32x4MinMax_NaNInEitherLane_GiveQuietNaN()
    {
        var nan = Single(SignallingSingleNaN);
        var a = Singles(nan, 1f, float.NaN, 2f);
        var b = Singles(1f, nan, 3f, 1f);
        var minimum = SimdOps.F32x4Min(a, b).AsSingle();
        var maximum = SimdOps.F32x4Max(a, b).AsSingle();
        for (var lane = 0; lane < 3; lane++)
        {
            IsQuietNaN(minimum.GetElement(lane)).Should().BeTrue();
            IsQuietNaN(maximum.GetElement(lane)).Should().BeTrue();
        }

        minimum.GetElement(3).Should().Be(1f);
        maximum.GetElement(3).Should().Be(2f);
    }

    [Fact]
    public void F64x2MinMax_ZerosAndNaN_FollowWasm()
    {
        var a = Doubles(-0.0, Double(SignallingDoubleNaN));
        var b = Doubles(0.0, double.NegativeInfinity);
        var minimum = SimdOps.F64x2Min(a, b).AsDouble();
        Bits(minimum.GetElement(0)).Should().Be(Bits(-0.0));
        IsQuietNaN(minimum.GetElement(1)).Should().BeTrue();
        var maximum = SimdOps.F64x2Max(a, b).AsDouble();
        Bits(maximum.GetElement(0)).Should().Be(0);
        IsQuietNaN(maximum.GetElement(1)).Should().BeTrue();
    }

    [Fact]
    public void PseudoMinMax_NaNAndZeros_ReturnTheFirstOperandUnlessStrictlyOrdered()
    {
        var nan = Single(SignallingSingleNaN);
        var a = Singles(nan, 1f, 0f, 2f);
        var b = Singles(1f, nan, -0f, 1f);
        // pmin(a, b) = b < a ? b : a, so every unordered or equal lane keeps a's exact bits.
        Lanes(SimdOps.F32x4Pmin(a, b)).Should().Equal(SignallingSingleNaN, Bits(1f), 0, Bits(1f));
        Lanes(SimdOps.F32x4Pmax(a, b)).Should().Equal(SignallingSingleNaN, Bits(1f), 0, Bits(2f));
        var pmin = SimdOps.F64x2Pmin(Doubles(-0.0, 5.0), Doubles(0.0, 4.0)).AsDouble();
        Bits(pmin.GetElement(0)).Should().Be(Bits(-0.0));
        pmin.GetElement(1).Should().Be(4.0);
        var pmax = SimdOps.F64x2Pmax(Doubles(Double(SignallingDoubleNaN), 5.0), Doubles(1.0, 6.0)).AsDouble();
        Bits(pmax.GetElement(0)).Should().Be(SignallingDoubleNaN);
        pmax.GetElement(1).Should().Be(6.0);
    }

    [Fact]
    public void AbsAndNeg_NaNLanes_KeepTheirPayload()
    {
        var value = Singles(Single(SignallingSingleNaN), Single(unchecked((int)0xFFC0_0001)), -1f, 0f);
        Lanes(SimdOps.F32x4Abs(value)).Should().Equal(SignallingSingleNaN, 0x7FC0_0001, Bits(1f), 0);
        Lanes(SimdOps.F32x4Neg(value)).Should().Equal(SignallingSingleNaN | int.MinValue, 0x7FC0_0001, Bits(1f), Bits(-0f));
        var doubles = Doubles(Double(SignallingDoubleNaN), -2.0);
        SimdOps.F64x2Neg(doubles).AsInt64().GetElement(0).Should().Be(SignallingDoubleNaN | long.MinValue);
        SimdOps.F64x2Abs(doubles).AsDouble().GetElement(1).Should().Be(2.0);
    }

    [Fact]
    public void F32x4Rounding_TiesAndNegativeFractions_MatchScalarWasm()
    {
        var value = Singles(2.5f, -0.5f, -1.5f, 0.49999997f);
        Lanes(SimdOps.F32x4Nearest(value)).Should().Equal(Bits(2f), Bits(-0f), Bits(-2f), 0);
        Lanes(SimdOps.F32x4Ceil(value)).Should().Equal(Bits(3f), Bits(-0f), Bits(-1f), Bits(1f));
        Lanes(SimdOps.F32x4Floor(value)).Should().Equal(Bits(2f), Bits(-1f), Bits(-2f), 0);
        Lanes(SimdOps.F32x4Trunc(value)).Should().Equal(Bits(2f), Bits(-0f), Bits(-1f), 0);
        IsQuietNaN(SimdOps.F32x4Nearest(Singles(Single(SignallingSingleNaN), 0, 0, 0)).AsSingle().GetElement(0)).Should().BeTrue();
    }

    [Fact]
    public void F64x2Rounding_TiesAndNegativeFractions_MatchScalarWasm()
    {
        var value = Doubles(-2.5, 0.5);
        SimdOps.F64x2Nearest(value).AsDouble().Should().Be(Vector128.Create(-2.0, 0.0));
        Bits(SimdOps.F64x2Ceil(Doubles(-0.5, 1.5)).AsDouble().GetElement(0)).Should().Be(Bits(-0.0));
        SimdOps.F64x2Floor(value).AsDouble().Should().Be(Vector128.Create(-3.0, 0.0));
        Bits(SimdOps.F64x2Trunc(value).AsDouble().GetElement(0)).Should().Be(Bits(-2.0));
        IsQuietNaN(SimdOps.F64x2Floor(Doubles(Double(SignallingDoubleNaN), 0)).AsDouble().GetElement(0)).Should().BeTrue();
    }

    [Fact]
    public void FloatComparisons_NaNLanes_AreFalseExceptNotEqual()
    {
        var a = Singles(float.NaN, 1f, -0f, 2f);
        var b = Singles(float.NaN, 1f, 0f, 1f);
        SimdOps.F32x4Eq(a, b).AsInt32().Should().Be(Vector128.Create(0, -1, -1, 0));
        SimdOps.F32x4Ne(a, b).AsInt32().Should().Be(Vector128.Create(-1, 0, 0, -1));
        SimdOps.F32x4Le(a, b).AsInt32().Should().Be(Vector128.Create(0, -1, -1, 0));
        SimdOps.F32x4Gt(a, b).AsInt32().Should().Be(Vector128.Create(0, 0, 0, -1));
        SimdOps.F64x2Ge(Doubles(double.NaN, 1.0), Doubles(0.0, 1.0)).AsInt64().Should().Be(Vector128.Create(0L, -1L));
        SimdOps.F64x2Ne(Doubles(double.NaN, 1.0), Doubles(double.NaN, 1.0)).AsInt64().Should().Be(Vector128.Create(-1L, 0L));
    }

    [Fact]
    public void I32x4TruncSatF32x4_OutOfRangeAndNaN_Saturate()
    {
        var value = Singles(float.NaN, 2147483648f, -2147483904f, -1.9f);
        SimdOps.I32x4TruncSatF32x4S(value).AsInt32().Should().Be(Vector128.Create(0, int.MaxValue, int.MinValue, -1));
        var unsigned = Singles(4294967040f, 4294967296f, -0.9f, 3000000000f);
        SimdOps.I32x4TruncSatF32x4U(unsigned).AsUInt32().Should().Be(Vector128.Create(4294967040u, uint.MaxValue, 0u, 3000000000u));
        SimdOps.I32x4TruncSatF32x4U(Singles(float.NaN, float.NegativeInfinity, 2147483648f, 2147483520f)).AsUInt32()
            .Should().Be(Vector128.Create(0u, 0u, 2147483648u, 2147483520u));
    }

    [Fact]
    public void I32x4TruncSatF64x2Zero_OutOfRangeAndNaN_SaturateAndZeroTheHighLanes()
    {
        SimdOps.I32x4TruncSatF64x2SZero(Doubles(-2147483648.9, 2147483648.0)).AsInt32().Should().Be(Vector128.Create(int.MinValue, int.MaxValue, 0, 0));
        SimdOps.I32x4TruncSatF64x2SZero(Doubles(double.NaN, -1e300)).AsInt32().Should().Be(Vector128.Create(0, int.MinValue, 0, 0));
        SimdOps.I32x4TruncSatF64x2UZero(Doubles(4294967295.9, 4294967296.0)).AsUInt32().Should().Be(Vector128.Create(uint.MaxValue, uint.MaxValue, 0u, 0u));
        SimdOps.I32x4TruncSatF64x2UZero(Doubles(double.NaN, -0.9)).AsUInt32().Should().Be(Vector128<uint>.Zero);
        SimdOps.I32x4TruncSatF64x2UZero(Doubles(3000000000.7, 1.5)).AsUInt32().Should().Be(Vector128.Create(3000000000u, 1u, 0u, 0u));
    }

    [Fact]
    public void F32x4ConvertI32x4U_LargeValues_RoundOnce()
    {
        var value = Vector128.Create(0xFFFF_FF7Fu, 0xFFFF_FF80u, 0x8000_0081u, 16777217u).AsByte();
        // 0xFFFFFF80 is exactly halfway and rounds to even (2^32); 0x80000081 is just above halfway.
        Lanes(SimdOps.F32x4ConvertI32x4U(value)).Should().Equal(0x4F7F_FFFF, 0x4F80_0000, 0x4F00_0001, 0x4B80_0000);
        SimdOps.F32x4ConvertI32x4S(SimdOps.I32x4Splat(-16777219)).AsSingle().Should().Be(Vector128.Create(-16777220f));
    }

    [Fact]
    public void F64x2ConvertLowI32x4_LowLanes_ConvertExactly()
    {
        var value = Vector128.Create(-1, int.MinValue, 7, 8).AsByte();
        SimdOps.F64x2ConvertLowI32x4S(value).AsDouble().Should().Be(Vector128.Create(-1.0, int.MinValue));
        SimdOps.F64x2ConvertLowI32x4U(value).AsDouble().Should().Be(Vector128.Create(4294967295.0, 2147483648.0));
    }

    [Fact]
    public void DemoteAndPromote_Lanes_RoundAndZeroTheHighLanes()
    {
        var demoted = SimdOps.F32x4DemoteF64x2Zero(Doubles(Double(0x47EF_FFFF_F000_0000), Double(SignallingDoubleNaN))).AsSingle();
        demoted.GetElement(0).Should().Be(float.PositiveInfinity);
        IsQuietNaN(demoted.GetElement(1)).Should().BeTrue();
        demoted.AsInt64().GetElement(1).Should().Be(0);
        var promoted = SimdOps.F64x2PromoteLowF32x4(Singles(float.Epsilon, Single(SignallingSingleNaN), 1f, 2f)).AsDouble();
        promoted.GetElement(0).Should().Be(Math.ScaleB(1.0, -149));
        IsQuietNaN(promoted.GetElement(1)).Should().BeTrue();
    }

    [Fact]
    public void FloatArithmetic_Lanes_FollowIeee()
    {
        SimdOps.F32x4Add(Singles(1f, 2f, 3f, 4f), Singles(0.5f, 0.5f, 0.5f, 0.5f)).AsSingle().Should().Be(Vector128.Create(1.5f, 2.5f, 3.5f, 4.5f));
        SimdOps.F32x4Div(Singles(1f, -1f, 0f, 1f), Singles(0f, 0f, 0f, 3f)).AsSingle().GetElement(1).Should().Be(float.NegativeInfinity);
        SimdOps.F64x2Sqrt(Doubles(2.0, 9.0)).AsDouble().Should().Be(Vector128.Create(Math.Sqrt(2.0), 3.0));
        IsQuietNaN(SimdOps.F64x2Mul(Doubles(double.PositiveInfinity, 1), Doubles(0.0, 1)).AsDouble().GetElement(0)).Should().BeTrue();
        SimdOps.F64x2Sub(Doubles(1.0, 0.0), Doubles(1.0, 0.0)).AsInt64().Should().Be(Vector128<long>.Zero);
    }

    [Fact]
    public void FloatLanes_SignallingNaN_SurviveSplatExtractAndReplace()
    {
        var nan = Single(SignallingSingleNaN);
        Lanes(SimdOps.F32x4Splat(nan)).Should().Equal(SignallingSingleNaN, SignallingSingleNaN, SignallingSingleNaN, SignallingSingleNaN);
        Bits(SimdOps.F32x4ExtractLane(SimdOps.F32x4ReplaceLane(Vector128<byte>.Zero, nan, 2), 2)).Should().Be(SignallingSingleNaN);
        Bits(SimdOps.F64x2ExtractLane(SimdOps.F64x2Splat(Double(SignallingDoubleNaN)), 1)).Should().Be(SignallingDoubleNaN);
        Bits(SimdOps.F64x2ExtractLane(SimdOps.F64x2ReplaceLane(Vector128<byte>.Zero, -0.0, 0), 0)).Should().Be(Bits(-0.0));
    }

    private static Vector128<byte> Singles(float a, float b, float c, float d) => Vector128.Create(a, b, c, d).AsByte();

    private static Vector128<byte> Doubles(double a, double b) => Vector128.Create(a, b).AsByte();

    private static int[] Lanes(Vector128<byte> value) =>
        [value.AsInt32().GetElement(0), value.AsInt32().GetElement(1), value.AsInt32().GetElement(2), value.AsInt32().GetElement(3)];
}
