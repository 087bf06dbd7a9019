using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

public sealed class ScalarOpsIntegerTests
{
    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -3)]
    [InlineData(7, -2, -3)]
    [InlineData(int.MinValue, 2, -1073741824)]
    [InlineData(int.MinValue, 1, int.MinValue)]
    public void I32DivS_RepresentableQuotient_TruncatesTowardZero(int dividend, int divisor, int expected) =>
        ScalarOps.I32DivS(dividend, divisor).Should().Be(expected);

    [Fact]
    public void I32DivS_ByZero_TrapsDivideByZero() =>
        TrapCodeOf(() => ScalarOps.I32DivS(1, 0)).Should().Be(TrapCode.IntegerDivideByZero);

    [Fact]
    public void I32DivS_MinValueByMinusOne_TrapsOverflow() =>
        TrapCodeOf(() => ScalarOps.I32DivS(int.MinValue, -1)).Should().Be(TrapCode.IntegerOverflow);

    [Fact]
    public void I64DivS_MinValueByMinusOne_TrapsOverflow() =>
        TrapCodeOf(() => ScalarOps.I64DivS(long.MinValue, -1)).Should().Be(TrapCode.IntegerOverflow);

    [Fact]
    public void I64DivS_ByZero_TrapsDivideByZero() =>
        TrapCodeOf(() => ScalarOps.I64DivS(0, 0)).Should().Be(TrapCode.IntegerDivideByZero);

    [Fact]
    public void DivisionAndRemainder_ByZero_TrapDivideByZero()
    {
        TrapCodeOf(() => ScalarOps.I32DivU(1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapCodeOf(() => ScalarOps.I32RemS(int.MinValue, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapCodeOf(() => ScalarOps.I32RemU(1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapCodeOf(() => ScalarOps.I64DivU(1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapCodeOf(() => ScalarOps.I64RemS(1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
        TrapCodeOf(() => ScalarOps.I64RemU(1, 0)).Should().Be(TrapCode.IntegerDivideByZero);
    }

    [Fact]
    public void RemS_MinValueByMinusOne_IsZero()
    {
        ScalarOps.I32RemS(int.MinValue, -1).Should().Be(0);
        ScalarOps.I64RemS(long.MinValue, -1).Should().Be(0);
    }

    [Theory]
    [InlineData(-7, 2, -1)]
    [InlineData(7, -2, 1)]
    [InlineData(int.MinValue, 2, 0)]
    [InlineData(int.MinValue, 3, -2)]
    public void I32RemS_Operands_TakesTheDividendsSign(int dividend, int divisor, int expected) =>
        ScalarOps.I32RemS(dividend, divisor).Should().Be(expected);

    [Fact]
    public void UnsignedDivision_NegativeBitPatterns_AreTreatedAsLargeUnsigned()
    {
        ScalarOps.I32DivU(-1, 2).Should().Be(int.MaxValue);
        ScalarOps.I32DivU(int.MinValue, -1).Should().Be(0);
        ScalarOps.I32RemU(-1, 10).Should().Be(5);
        ScalarOps.I64DivU(-1, 2).Should().Be(long.MaxValue);
        ScalarOps.I64DivU(long.MinValue, -1).Should().Be(0);
        ScalarOps.I64RemU(-1, 10).Should().Be(5);
    }

    [Fact]
    public void Shifts_CountAtOrAboveWidth_AreTakenModuloTheWidth()
    {
        ScalarOps.I32Shl(1, 32).Should().Be(1);
        ScalarOps.I32Shl(1, 33).Should().Be(2);
        ScalarOps.I32ShrS(int.MinValue, 63).Should().Be(-1);
        ScalarOps.I32ShrU(int.MinValue, 63).Should().Be(1);
        ScalarOps.I32ShrU(-1, -1).Should().Be(1);
        ScalarOps.I64Shl(1, 64).Should().Be(1);
        ScalarOps.I64Shl(1, 65).Should().Be(2);
        ScalarOps.I64ShrS(long.MinValue, 127).Should().Be(-1);
        ScalarOps.I64ShrU(long.MinValue, 127).Should().Be(1);
        ScalarOps.I64ShrU(-1, long.MinValue | 63).Should().Be(1);
    }

    [Fact]
    public void Rotations_AnyCount_RotateModuloTheWidth()
    {
        ScalarOps.I32Rotl(unchecked((int)0x8000_0001), 1).Should().Be(3);
        ScalarOps.I32Rotr(3, 1).Should().Be(unchecked((int)0x8000_0001));
        ScalarOps.I32Rotl(0x1234_5678, 36).Should().Be(0x2345_6781);
        ScalarOps.I32Rotr(0x1234_5678, -4).Should().Be(0x2345_6781);
        ScalarOps.I64Rotl(unchecked((long)0x8000_0000_0000_0001), 1).Should().Be(3);
        ScalarOps.I64Rotr(1, 1).Should().Be(long.MinValue);
        ScalarOps.I64Rotl(0x0123_4567_89AB_CDEF, 68).Should().Be(0x1234_5678_9ABC_DEF0);
    }

    [Fact]
    public void BitCounts_ZeroAndAllOnes_GiveTheWidthOrZero()
    {
        ScalarOps.I32Clz(0).Should().Be(32);
        ScalarOps.I32Ctz(0).Should().Be(32);
        ScalarOps.I32Popcnt(-1).Should().Be(32);
        ScalarOps.I32Clz(-1).Should().Be(0);
        ScalarOps.I32Ctz(int.MinValue).Should().Be(31);
        ScalarOps.I64Clz(0).Should().Be(64);
        ScalarOps.I64Ctz(0).Should().Be(64);
        ScalarOps.I64Popcnt(-1).Should().Be(64);
        ScalarOps.I64Clz(1).Should().Be(63);
        ScalarOps.I64Ctz(long.MinValue).Should().Be(63);
    }

    [Fact]
    public void Extensions_SignBitSet_ExtendTheSign()
    {
        ScalarOps.I32Extend8S(0x80).Should().Be(-128);
        ScalarOps.I32Extend8S(0x7F).Should().Be(127);
        ScalarOps.I32Extend16S(0x1_8000).Should().Be(-32768);
        ScalarOps.I64Extend8S(0x1FF).Should().Be(-1);
        ScalarOps.I64Extend16S(0x7FFF).Should().Be(32767);
        ScalarOps.I64Extend32S(0x1_8000_0000).Should().Be(int.MinValue);
        ScalarOps.I64ExtendI32S(-1).Should().Be(-1);
        ScalarOps.I64ExtendI32U(-1).Should().Be(0xFFFF_FFFF);
        ScalarOps.I32WrapI64(unchecked((long)0xFFFF_FFFF_8000_0001)).Should().Be(unchecked((int)0x8000_0001));
    }

    internal static TrapCode? TrapCodeOf(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (WasmTrapException trap)
        {
            return trap.Code;
        }
    }

    internal static TrapCode? TrapCodeOf<T>(Func<T> function) => TrapCodeOf(() => { _ = function(); });
}
