using Weir.Wasm.Numerics;
using static Weir.Wasm.Tests.Numerics.ScalarOpsFloatTests;
using static Weir.Wasm.Tests.Numerics.ScalarOpsIntegerTests;

namespace Weir.Wasm.Tests.Numerics;

public sealed class ScalarOpsConversionTests
{
    [Fact]
    public void I32TruncF32S_Boundaries_ConvertJustInsideAndOverflowJustOutside()
    {
        ScalarOps.I32TruncF32S(-2147483648f).Should().Be(int.MinValue);
        ScalarOps.I32TruncF32S(2147483520f).Should().Be(2147483520);
        ScalarOps.I32TruncF32S(-0.999999f).Should().Be(0);
        ScalarOps.I32TruncF32S(-0f).Should().Be(0);
        TrapCodeOf(() => ScalarOps.I32TruncF32S(2147483648f)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF32S(-2147483904f)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF32S(float.NaN)).Should().Be(TrapCode.InvalidConversionToInteger);
        TrapCodeOf(() => ScalarOps.I32TruncF32S(float.NegativeInfinity)).Should().Be(TrapCode.IntegerOverflow);
    }

    [Fact]
    public void I32TruncF32U_Boundaries_ConvertJustInsideAndOverflowJustOutside()
    {
        ScalarOps.I32TruncF32U(4294967040f).Should().Be(unchecked((int)4294967040u));
        ScalarOps.I32TruncF32U(2147483648f).Should().Be(int.MinValue);
        ScalarOps.I32TruncF32U(-0.999999f).Should().Be(0);
        TrapCodeOf(() => ScalarOps.I32TruncF32U(4294967296f)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF32U(-1f)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF32U(Single(0x7FA0_0000))).Should().Be(TrapCode.InvalidConversionToInteger);
    }

    [Fact]
    public void I32TruncF64_Boundaries_ConvertJustInsideAndOverflowJustOutside()
    {
        ScalarOps.I32TruncF64S(-2147483648.9).Should().Be(int.MinValue);
        ScalarOps.I32TruncF64S(2147483647.9).Should().Be(int.MaxValue);
        TrapCodeOf(() => ScalarOps.I32TruncF64S(-2147483649.0)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF64S(2147483648.0)).Should().Be(TrapCode.IntegerOverflow);
        ScalarOps.I32TruncF64U(4294967295.9).Should().Be(-1);
        ScalarOps.I32TruncF64U(-0.9).Should().Be(0);
        TrapCodeOf(() => ScalarOps.I32TruncF64U(4294967296.0)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF64U(-1.0)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I32TruncF64U(double.NaN)).Should().Be(TrapCode.InvalidConversionToInteger);
    }

    [Fact]
    public void I64Trunc_Boundaries_ConvertJustInsideAndOverflowJustOutside()
    {
        ScalarOps.I64TruncF64S(-9223372036854775808.0).Should().Be(long.MinValue);
        ScalarOps.I64TruncF64S(9223372036854774784.0).Should().Be(9223372036854774784);
        TrapCodeOf(() => ScalarOps.I64TruncF64S(9223372036854775808.0)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I64TruncF64S(-9223372036854777856.0)).Should().Be(TrapCode.IntegerOverflow);
        ScalarOps.I64TruncF32S(-9223372036854775808f).Should().Be(long.MinValue);
        TrapCodeOf(() => ScalarOps.I64TruncF32S(9223372036854775808f)).Should().Be(TrapCode.IntegerOverflow);

        ScalarOps.I64TruncF64U(18446744073709549568.0).Should().Be(unchecked((long)18446744073709549568UL));
        ScalarOps.I64TruncF64U(9223372036854775808.0).Should().Be(long.MinValue);
        ScalarOps.I64TruncF64U(-0.99).Should().Be(0);
        TrapCodeOf(() => ScalarOps.I64TruncF64U(18446744073709551616.0)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I64TruncF64U(-1.0)).Should().Be(TrapCode.IntegerOverflow);
        ScalarOps.I64TruncF32U(18446742974197923840f).Should().Be(unchecked((long)18446742974197923840UL));
        TrapCodeOf(() => ScalarOps.I64TruncF32U(18446744073709551616f)).Should().Be(TrapCode.IntegerOverflow);
        TrapCodeOf(() => ScalarOps.I64TruncF32U(float.NaN)).Should().Be(TrapCode.InvalidConversionToInteger);
    }

    [Fact]
    public void TruncSat_OutOfRangeAndNaN_Saturate()
    {
        ScalarOps.I32TruncSatF32S(float.NaN).Should().Be(0);
        ScalarOps.I32TruncSatF32S(2147483648f).Should().Be(int.MaxValue);
        ScalarOps.I32TruncSatF32S(float.NegativeInfinity).Should().Be(int.MinValue);
        ScalarOps.I32TruncSatF32S(-2147483648f).Should().Be(int.MinValue);
        ScalarOps.I32TruncSatF32U(Single(unchecked((int)0xFFC0_0000))).Should().Be(0);
        ScalarOps.I32TruncSatF32U(-1f).Should().Be(0);
        ScalarOps.I32TruncSatF32U(4294967296f).Should().Be(-1);
        ScalarOps.I32TruncSatF32U(4294967040f).Should().Be(unchecked((int)4294967040u));
        ScalarOps.I32TruncSatF64S(2147483647.9).Should().Be(int.MaxValue);
        ScalarOps.I32TruncSatF64S(-2147483649.0).Should().Be(int.MinValue);
        ScalarOps.I32TruncSatF64U(4294967296.0).Should().Be(-1);
        ScalarOps.I32TruncSatF64U(double.NegativeInfinity).Should().Be(0);
        ScalarOps.I64TruncSatF32S(float.PositiveInfinity).Should().Be(long.MaxValue);
        ScalarOps.I64TruncSatF64S(-9223372036854777856.0).Should().Be(long.MinValue);
        ScalarOps.I64TruncSatF64S(double.NaN).Should().Be(0);
        ScalarOps.I64TruncSatF32U(float.PositiveInfinity).Should().Be(-1);
        ScalarOps.I64TruncSatF64U(18446744073709549568.0).Should().Be(unchecked((long)18446744073709549568UL));
        ScalarOps.I64TruncSatF64U(18446744073709551616.0).Should().Be(-1);
        ScalarOps.I64TruncSatF64U(-1e300).Should().Be(0);
    }

    [Theory]
    // Each input sits just above a halfway point that a conversion through double would round
    // onto, and then round again the wrong way (conversions.wast).
    [InlineData(0x0020_0000_2000_0001L, 0x5A00_0001)]
    [InlineData(0x7FFF_FFBF_FFFF_FFFFL, 0x5EFF_FFFF)]
    [InlineData(unchecked((long)0x8000_0080_0000_0001UL), 0x5F00_0001)]
    [InlineData(unchecked((long)0xFFFF_FE80_0000_0001UL), 0x5F7F_FFFF)]
    [InlineData(-1L, 0x5F80_0000)]
    [InlineData(16777217L, 0x4B80_0000)]
    [InlineData(16777219L, 0x4B80_0002)]
    public void F32ConvertI64U_HalfwayNeighbours_RoundOnce(long value, int expectedBits) =>
        Bits(ScalarOps.F32ConvertI64U(value)).Should().Be(expectedBits);

    [Theory]
    [InlineData(long.MinValue, unchecked((int)0xDF00_0000))]
    [InlineData(long.MaxValue, 0x5F00_0000)]
    [InlineData(-0x0020_0000_2000_0001L, unchecked((int)0xDA00_0001))]
    [InlineData(0x0020_0000_2000_0001L, 0x5A00_0001)]
    [InlineData(-16777219L, unchecked((int)0xCB80_0002))]
    [InlineData(0x7FFF_FF40_0000_0000L, 0x5EFF_FFFE)]
    public void F32ConvertI64S_HalfwayNeighbours_RoundOnce(long value, int expectedBits) =>
        Bits(ScalarOps.F32ConvertI64S(value)).Should().Be(expectedBits);

    [Theory]
    [InlineData(unchecked((long)0x8000_0000_0000_0400UL), 0x43E0_0000_0000_0000L)]
    [InlineData(unchecked((long)0x8000_0000_0000_0401UL), 0x43E0_0000_0000_0001L)]
    [InlineData(unchecked((long)0x8000_0000_0000_0402UL), 0x43E0_0000_0000_0001L)]
    [InlineData(unchecked((long)0xFFFF_FFFF_FFFF_F400UL), 0x43EF_FFFF_FFFF_FFFEL)]
    [InlineData(unchecked((long)0xFFFF_FFFF_FFFF_F401UL), 0x43EF_FFFF_FFFF_FFFFL)]
    [InlineData(-1L, 0x43F0_0000_0000_0000L)]
    [InlineData(9007199254740993L, 0x4340_0000_0000_0000L)]
    [InlineData(9007199254740995L, 0x4340_0000_0000_0002L)]
    public void F64ConvertI64U_LargeValues_RoundToNearestEven(long value, long expectedBits) =>
        Bits(ScalarOps.F64ConvertI64U(value)).Should().Be(expectedBits);

    [Fact]
    public void ConvertFrom32BitUnsigned_NegativeBitPatterns_AreLargeValues()
    {
        ScalarOps.F32ConvertI32U(-1).Should().Be(4294967296f);
        ScalarOps.F32ConvertI32U(int.MinValue).Should().Be(2147483648f);
        Bits(ScalarOps.F32ConvertI32U(unchecked((int)0xFFFF_FF7F))).Should().Be(0x4F7F_FFFF);
        ScalarOps.F64ConvertI32U(-1).Should().Be(4294967295.0);
    }

    [Fact]
    public void DemoteAndPromote_NaNAndRounding_FollowIeee()
    {
        IsQuietNaN(ScalarOps.F32DemoteF64(Double(0x7FF4_0000_0000_0001))).Should().BeTrue();
        IsQuietNaN(ScalarOps.F64PromoteF32(Single(0x7FA0_0001))).Should().BeTrue();
        Bits(ScalarOps.F32DemoteF64(Double(0x7FF8_0000_0000_0000))).Should().Be(0x7FC0_0000);
        ScalarOps.F32DemoteF64(Double(0x47EF_FFFF_F000_0000)).Should().Be(float.PositiveInfinity);
        ScalarOps.F32DemoteF64(Double(0x47EF_FFFF_EFFF_FFFF)).Should().Be(float.MaxValue);
        Bits(ScalarOps.F32DemoteF64(-1e-300)).Should().Be(Bits(-0f));
        ScalarOps.F64PromoteF32(float.Epsilon).Should().Be(Math.ScaleB(1.0, -149));
    }

    [Fact]
    public void Reinterpret_SignallingNaN_KeepsEveryBit()
    {
        ScalarOps.I32ReinterpretF32(ScalarOps.F32ReinterpretI32(Opaque(0x7FA0_0001))).Should().Be(0x7FA0_0001);
        ScalarOps.I64ReinterpretF64(ScalarOps.F64ReinterpretI64(unchecked((long)0xFFF0_0000_0000_0001UL)))
            .Should().Be(unchecked((long)0xFFF0_0000_0000_0001UL));
    }
}
