using System.Runtime.CompilerServices;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

public sealed class ScalarOpsFloatTests
{
    // A signalling NaN with a payload and a negative quiet NaN with a payload: the FPU would
    // quiet or rewrite these, bit operations must not.
    private const int SignallingSingleNaN = 0x7FA0_0001;
    private const int NegativeQuietSingleNaN = unchecked((int)0xFFC1_2345);
    private const long SignallingDoubleNaN = 0x7FF4_0000_0000_0001;

    [Fact]
    public void F32AbsAndNeg_NaNWithPayload_OnlyTouchTheSignBit()
    {
        Bits(ScalarOps.F32Abs(Single(SignallingSingleNaN))).Should().Be(SignallingSingleNaN);
        Bits(ScalarOps.F32Neg(Single(SignallingSingleNaN))).Should().Be(SignallingSingleNaN | int.MinValue);
        Bits(ScalarOps.F32Abs(Single(NegativeQuietSingleNaN))).Should().Be(0x7FC1_2345);
        Bits(ScalarOps.F32Neg(0f)).Should().Be(int.MinValue);
    }

    [Fact]
    public void F64AbsAndNeg_NaNWithPayload_OnlyTouchTheSignBit()
    {
        Bits(ScalarOps.F64Abs(Double(SignallingDoubleNaN | long.MinValue))).Should().Be(SignallingDoubleNaN);
        Bits(ScalarOps.F64Neg(Double(SignallingDoubleNaN))).Should().Be(SignallingDoubleNaN | long.MinValue);
        Bits(ScalarOps.F64Neg(-0.0)).Should().Be(0);
    }

    [Fact]
    public void Copysign_NaNOperands_CopiesOnlyTheSignBit()
    {
        Bits(ScalarOps.F32Copysign(Single(SignallingSingleNaN), -1f)).Should().Be(SignallingSingleNaN | int.MinValue);
        Bits(ScalarOps.F32Copysign(2f, Single(NegativeQuietSingleNaN))).Should().Be(Bits(-2f));
        Bits(ScalarOps.F32Copysign(-0f, 1f)).Should().Be(0);
        Bits(ScalarOps.F64Copysign(Double(SignallingDoubleNaN), -0.0)).Should().Be(SignallingDoubleNaN | long.MinValue);
        Bits(ScalarOps.F64Copysign(-3.0, Double(SignallingDoubleNaN))).Should().Be(Bits(3.0));
    }

    [Fact]
    public void MinAndMax_ZerosOfOppositeSign_OrderMinusZeroFirst()
    {
        Bits(ScalarOps.F32Min(0f, -0f)).Should().Be(Bits(-0f));
        Bits(ScalarOps.F32Min(-0f, 0f)).Should().Be(Bits(-0f));
        Bits(ScalarOps.F32Max(-0f, 0f)).Should().Be(0);
        Bits(ScalarOps.F32Max(0f, -0f)).Should().Be(0);
        Bits(ScalarOps.F64Min(0.0, -0.0)).Should().Be(Bits(-0.0));
        Bits(ScalarOps.F64Max(-0.0, 0.0)).Should().Be(0);
    }

    [Fact]
    public void MinAndMax_OneNaNOperand_ReturnAQuietNaN()
    {
        IsQuietNaN(ScalarOps.F32Min(1f, Single(SignallingSingleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F32Min(Single(SignallingSingleNaN), float.NegativeInfinity)).Should().BeTrue();
        IsQuietNaN(ScalarOps.F32Max(float.PositiveInfinity, float.NaN)).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Min(double.NaN, 0.0)).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Max(Double(SignallingDoubleNaN), double.PositiveInfinity)).Should().BeTrue();
    }

    [Fact]
    public void MinAndMax_OrdinaryOperands_PickTheRightOne()
    {
        ScalarOps.F32Min(1f, 2f).Should().Be(1f);
        ScalarOps.F32Max(1f, 2f).Should().Be(2f);
        ScalarOps.F64Min(-1.0, double.NegativeInfinity).Should().Be(double.NegativeInfinity);
        ScalarOps.F64Max(-1.0, -2.0).Should().Be(-1.0);
    }

    [Theory]
    [InlineData(0.5f, 0f)]
    [InlineData(1.5f, 2f)]
    [InlineData(2.5f, 2f)]
    [InlineData(-2.5f, -2f)]
    [InlineData(3.5f, 4f)]
    [InlineData(8388609f, 8388609f)]
    [InlineData(4.5f, 4f)]
    public void F32Nearest_Ties_RoundToEven(float value, float expected) =>
        Bits(ScalarOps.F32Nearest(value)).Should().Be(Bits(expected));

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(-1.5, -2.0)]
    [InlineData(2.5, 2.0)]
    [InlineData(4503599627370497.0, 4503599627370497.0)]
    public void F64Nearest_Ties_RoundToEven(double value, double expected) =>
        Bits(ScalarOps.F64Nearest(value)).Should().Be(Bits(expected));

    [Fact]
    public void Rounding_SmallNegativeValues_KeepTheNegativeZero()
    {
        Bits(ScalarOps.F32Nearest(-0.5f)).Should().Be(Bits(-0f));
        Bits(ScalarOps.F32Ceil(-0.75f)).Should().Be(Bits(-0f));
        Bits(ScalarOps.F32Trunc(-0.75f)).Should().Be(Bits(-0f));
        Bits(ScalarOps.F64Nearest(-0.25)).Should().Be(Bits(-0.0));
        Bits(ScalarOps.F64Ceil(-0.5)).Should().Be(Bits(-0.0));
        Bits(ScalarOps.F64Trunc(-0.5)).Should().Be(Bits(-0.0));
        Bits(ScalarOps.F64Floor(-0.0)).Should().Be(Bits(-0.0));
    }

    [Fact]
    public void Rounding_OrdinaryValues_RoundInTheirDirection()
    {
        ScalarOps.F32Ceil(1.25f).Should().Be(2f);
        ScalarOps.F32Floor(-1.25f).Should().Be(-2f);
        ScalarOps.F32Trunc(-1.75f).Should().Be(-1f);
        ScalarOps.F64Ceil(-1.25).Should().Be(-1.0);
        ScalarOps.F64Floor(1.75).Should().Be(1.0);
        ScalarOps.F64Trunc(1.75).Should().Be(1.0);
    }

    [Fact]
    public void UnaryArithmetic_SignallingNaN_ReturnsAQuietNaN()
    {
        IsQuietNaN(ScalarOps.F32Ceil(Single(SignallingSingleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F32Floor(Single(SignallingSingleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F32Trunc(Single(SignallingSingleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F32Nearest(Single(SignallingSingleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F32Sqrt(Single(SignallingSingleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Ceil(Double(SignallingDoubleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Floor(Double(SignallingDoubleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Trunc(Double(SignallingDoubleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Nearest(Double(SignallingDoubleNaN))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64Sqrt(Double(SignallingDoubleNaN))).Should().BeTrue();
    }

    [Fact]
    public void Sqrt_NegativeZeroAndNegative_FollowIeee()
    {
        Bits(ScalarOps.F32Sqrt(-0f)).Should().Be(Bits(-0f));
        IsQuietNaN(ScalarOps.F64Sqrt(-1.0)).Should().BeTrue();
        ScalarOps.F64Sqrt(2.0).Should().Be(Math.Sqrt(2.0));
    }

    [Fact]
    public void LessOrGreaterEqual_NaNOperand_IsFalse()
    {
        ScalarOps.F32Le(float.NaN, 1f).Should().Be(0);
        ScalarOps.F32Ge(1f, float.NaN).Should().Be(0);
        ScalarOps.F64Le(1.0, double.NaN).Should().Be(0);
        ScalarOps.F64Ge(double.NaN, double.NaN).Should().Be(0);
        ScalarOps.F32Le(-0f, 0f).Should().Be(1);
        ScalarOps.F64Ge(0.0, -0.0).Should().Be(1);
    }

    // Kept out of line on purpose: RyuJIT quiets a signalling NaN when it folds a float constant
    // (dotnet/runtime#133719), which would change the input before the helper ever sees it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static float Single(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static double Double(long bits) => BitConverter.Int64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Opaque(int bits) => bits;

    internal static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    internal static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    internal static bool IsQuietNaN(float value) => (Bits(value) & 0x7FC0_0000) == 0x7FC0_0000;

    internal static bool IsQuietNaN(double value) => (Bits(value) & 0x7FF8_0000_0000_0000) == 0x7FF8_0000_0000_0000;
}
