using System.Runtime.Intrinsics;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

public sealed class SimdOpsIntegerTests
{
    [Fact]
    public void I8x16Shuffle_MaskSpanningBothOperands_PicksEachLane()
    {
        var left = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var right = Vector128.Create((byte)100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115);
        var mask = Vector128.Create((byte)31, 0, 16, 15, 1, 17, 30, 14, 2, 18, 29, 13, 3, 19, 28, 12);

        SimdOps.I8x16Shuffle(left, right, mask)
            .Should().Be(Vector128.Create((byte)115, 0, 100, 15, 1, 101, 114, 14, 2, 102, 113, 13, 3, 103, 112, 12));
    }

    [Fact]
    public void I8x16Swizzle_IndicesOutOfRange_GiveZero()
    {
        var value = Vector128.Create((byte)10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);
        var indices = Vector128.Create((byte)0, 15, 16, 255, 128, 112, 1, 31, 5, 0x7F, 0x8F, 2, 17, 3, 64, 4);

        SimdOps.I8x16Swizzle(value, indices)
            .Should().Be(Vector128.Create((byte)10, 25, 0, 0, 0, 0, 11, 0, 15, 0, 0, 12, 0, 13, 0, 14));
    }

    [Fact]
    public void ExtractLane_NegativeLanes_SignOrZeroExtend()
    {
        var bytes = SimdOps.I8x16Splat(0x180);
        SimdOps.I8x16ExtractLaneS(bytes, 3).Should().Be(-128);
        SimdOps.I8x16ExtractLaneU(bytes, 3).Should().Be(128);
        var shorts = SimdOps.I16x8Splat(-2);
        SimdOps.I16x8ExtractLaneS(shorts, 7).Should().Be(-2);
        SimdOps.I16x8ExtractLaneU(shorts, 7).Should().Be(0xFFFE);
        SimdOps.I64x2ExtractLane(SimdOps.I64x2ReplaceLane(SimdOps.I64x2Splat(1), long.MinValue, 1), 1).Should().Be(long.MinValue);
    }

    [Fact]
    public void ReplaceLane_OneLane_LeavesTheOthers()
    {
        SimdOps.I8x16ReplaceLane(Vector128<byte>.Zero, 0x1FF, 15)
            .Should().Be(Vector128.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255));
        SimdOps.I16x8ReplaceLane(Vector128<byte>.Zero, 0x12345, 1).AsUInt16()
            .Should().Be(Vector128.Create((ushort)0, 0x2345, 0, 0, 0, 0, 0, 0));
        SimdOps.I32x4ReplaceLane(SimdOps.I32x4Splat(7), -1, 2).AsInt32().Should().Be(Vector128.Create(7, 7, -1, 7));
    }

    [Fact]
    public void Bitwise_Operands_CombineBitByBit()
    {
        var a = SimdOps.I32x4Splat(0b1100);
        var b = SimdOps.I32x4Splat(0b1010);
        SimdOps.V128And(a, b).Should().Be(SimdOps.I32x4Splat(0b1000));
        SimdOps.V128AndNot(a, b).Should().Be(SimdOps.I32x4Splat(0b0100));
        SimdOps.V128Or(a, b).Should().Be(SimdOps.I32x4Splat(0b1110));
        SimdOps.V128Xor(a, b).Should().Be(SimdOps.I32x4Splat(0b0110));
        SimdOps.V128Not(a).Should().Be(SimdOps.I32x4Splat(~0b1100));
        SimdOps.V128Bitselect(a, b, SimdOps.I32x4Splat(0b0110)).Should().Be(SimdOps.I32x4Splat(0b1100 & 0b0110 | (0b1010 & ~0b0110)));
    }

    [Fact]
    public void TruthTests_SingleZeroOrNonZeroByte_AreDetected()
    {
        var oneByteSet = SimdOps.I8x16ReplaceLane(Vector128<byte>.Zero, 1, 9);
        SimdOps.V128AnyTrue(oneByteSet).Should().Be(1);
        SimdOps.V128AnyTrue(Vector128<byte>.Zero).Should().Be(0);

        var allButOneLane = SimdOps.I8x16ReplaceLane(SimdOps.I8x16Splat(1), 0, 9);
        SimdOps.I8x16AllTrue(allButOneLane).Should().Be(0);
        SimdOps.I8x16AllTrue(SimdOps.I8x16Splat(0x80)).Should().Be(1);
        // A 16-bit lane with only its high byte set is still true.
        SimdOps.I16x8AllTrue(SimdOps.I16x8Splat(0x100)).Should().Be(1);
        SimdOps.I32x4AllTrue(SimdOps.I32x4ReplaceLane(SimdOps.I32x4Splat(1), 0, 3)).Should().Be(0);
        SimdOps.I64x2AllTrue(SimdOps.I64x2Splat(1L << 63)).Should().Be(1);
        SimdOps.I64x2AllTrue(SimdOps.I64x2ReplaceLane(SimdOps.I64x2Splat(1), 0, 1)).Should().Be(0);
    }

    [Fact]
    public void Bitmask_NegativeLanes_SetTheirBit()
    {
        SimdOps.I8x16Bitmask(Vector128.Create((byte)0x80, 0, 0xFF, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80)).Should().Be(0b1000_0000_0000_0101);
        SimdOps.I16x8Bitmask(Vector128.Create((short)-1, 0, 0, 0, 0, 0, 0, short.MinValue).AsByte()).Should().Be(0b1000_0001);
        SimdOps.I32x4Bitmask(Vector128.Create(0, -1, 0, int.MaxValue).AsByte()).Should().Be(0b0010);
        SimdOps.I64x2Bitmask(Vector128.Create(-1L, -1L).AsByte()).Should().Be(0b11);
    }

    [Fact]
    public void Abs_MinimumValues_WrapToThemselves()
    {
        SimdOps.I8x16Abs(SimdOps.I8x16Splat(-128)).Should().Be(SimdOps.I8x16Splat(-128));
        SimdOps.I8x16Abs(SimdOps.I8x16Splat(-5)).Should().Be(SimdOps.I8x16Splat(5));
        SimdOps.I16x8Abs(SimdOps.I16x8Splat(short.MinValue)).Should().Be(SimdOps.I16x8Splat(short.MinValue));
        SimdOps.I32x4Abs(Vector128.Create(int.MinValue, -1, 1, 0).AsByte()).AsInt32().Should().Be(Vector128.Create(int.MinValue, 1, 1, 0));
        SimdOps.I64x2Abs(Vector128.Create(long.MinValue, -7L).AsByte()).AsInt64().Should().Be(Vector128.Create(long.MinValue, 7L));
        SimdOps.I64x2Neg(Vector128.Create(long.MinValue, 7L).AsByte()).AsInt64().Should().Be(Vector128.Create(long.MinValue, -7L));
    }

    [Fact]
    public void SaturatingArithmetic_AtTheLimits_Clamps()
    {
        SimdOps.I8x16AddSatS(SimdOps.I8x16Splat(100), SimdOps.I8x16Splat(100)).Should().Be(SimdOps.I8x16Splat(127));
        SimdOps.I8x16AddSatU(SimdOps.I8x16Splat(200), SimdOps.I8x16Splat(100)).Should().Be(SimdOps.I8x16Splat(255));
        SimdOps.I8x16SubSatS(SimdOps.I8x16Splat(-100), SimdOps.I8x16Splat(100)).Should().Be(SimdOps.I8x16Splat(-128));
        SimdOps.I8x16SubSatU(SimdOps.I8x16Splat(5), SimdOps.I8x16Splat(6)).Should().Be(Vector128<byte>.Zero);
        SimdOps.I16x8AddSatS(SimdOps.I16x8Splat(-30000), SimdOps.I16x8Splat(-30000)).Should().Be(SimdOps.I16x8Splat(short.MinValue));
        SimdOps.I16x8AddSatU(SimdOps.I16x8Splat(65535), SimdOps.I16x8Splat(1)).Should().Be(SimdOps.I16x8Splat(65535));
        SimdOps.I16x8SubSatS(SimdOps.I16x8Splat(30000), SimdOps.I16x8Splat(-30000)).Should().Be(SimdOps.I16x8Splat(short.MaxValue));
        SimdOps.I16x8SubSatU(SimdOps.I16x8Splat(0), SimdOps.I16x8Splat(1)).Should().Be(Vector128<byte>.Zero);
    }

    [Fact]
    public void MinMax_SignedAndUnsigned_DisagreeOnNegativeLanes()
    {
        var minusOne = SimdOps.I8x16Splat(-1);
        var one = SimdOps.I8x16Splat(1);
        SimdOps.I8x16MinS(minusOne, one).Should().Be(minusOne);
        SimdOps.I8x16MinU(minusOne, one).Should().Be(one);
        SimdOps.I8x16MaxS(minusOne, one).Should().Be(one);
        SimdOps.I8x16MaxU(minusOne, one).Should().Be(minusOne);
        SimdOps.I16x8MinU(SimdOps.I16x8Splat(-1), SimdOps.I16x8Splat(1)).Should().Be(SimdOps.I16x8Splat(1));
        SimdOps.I16x8MaxS(SimdOps.I16x8Splat(-1), SimdOps.I16x8Splat(1)).Should().Be(SimdOps.I16x8Splat(1));
        SimdOps.I32x4MinS(SimdOps.I32x4Splat(int.MinValue), SimdOps.I32x4Splat(int.MaxValue)).Should().Be(SimdOps.I32x4Splat(int.MinValue));
        SimdOps.I32x4MaxU(SimdOps.I32x4Splat(int.MinValue), SimdOps.I32x4Splat(int.MaxValue)).Should().Be(SimdOps.I32x4Splat(int.MinValue));
    }

    [Fact]
    public void AvgrU_OddSums_RoundUpWithoutOverflow()
    {
        SimdOps.I8x16AvgrU(SimdOps.I8x16Splat(255), SimdOps.I8x16Splat(254)).Should().Be(SimdOps.I8x16Splat(255));
        SimdOps.I8x16AvgrU(SimdOps.I8x16Splat(0), SimdOps.I8x16Splat(1)).Should().Be(SimdOps.I8x16Splat(1));
        SimdOps.I16x8AvgrU(SimdOps.I16x8Splat(65535), SimdOps.I16x8Splat(65534)).Should().Be(SimdOps.I16x8Splat(65535));
        SimdOps.I16x8AvgrU(SimdOps.I16x8Splat(2), SimdOps.I16x8Splat(5)).Should().Be(SimdOps.I16x8Splat(4));
    }

    [Fact]
    public void Shifts_CountsBeyondTheLaneWidth_AreMasked()
    {
        SimdOps.I8x16Shl(SimdOps.I8x16Splat(1), 9).Should().Be(SimdOps.I8x16Splat(2));
        SimdOps.I8x16Shl(SimdOps.I8x16Splat(0xFF), 7).Should().Be(SimdOps.I8x16Splat(0x80));
        SimdOps.I8x16ShrS(SimdOps.I8x16Splat(-128), -1).Should().Be(SimdOps.I8x16Splat(-1));
        SimdOps.I8x16ShrU(SimdOps.I8x16Splat(-128), 15).Should().Be(SimdOps.I8x16Splat(1));
        SimdOps.I16x8Shl(SimdOps.I16x8Splat(1), 16).Should().Be(SimdOps.I16x8Splat(1));
        SimdOps.I16x8ShrS(SimdOps.I16x8Splat(short.MinValue), 31).Should().Be(SimdOps.I16x8Splat(-1));
        SimdOps.I16x8ShrU(SimdOps.I16x8Splat(short.MinValue), 15).Should().Be(SimdOps.I16x8Splat(1));
        SimdOps.I32x4Shl(SimdOps.I32x4Splat(1), 33).Should().Be(SimdOps.I32x4Splat(2));
        SimdOps.I32x4ShrS(SimdOps.I32x4Splat(int.MinValue), 63).Should().Be(SimdOps.I32x4Splat(-1));
        SimdOps.I32x4ShrU(SimdOps.I32x4Splat(int.MinValue), 31).Should().Be(SimdOps.I32x4Splat(1));
        SimdOps.I64x2Shl(SimdOps.I64x2Splat(1), 64).Should().Be(SimdOps.I64x2Splat(1));
        SimdOps.I64x2ShrS(SimdOps.I64x2Splat(long.MinValue), 127).Should().Be(SimdOps.I64x2Splat(-1));
        SimdOps.I64x2ShrU(SimdOps.I64x2Splat(long.MinValue), 63).Should().Be(SimdOps.I64x2Splat(1));
    }

    [Fact]
    public void I16x8Q15mulrSatS_MinimumTimesMinimum_SaturatesOthersRound()
    {
        var a = Vector128.Create(short.MinValue, short.MinValue, short.MinValue, 16384, 3, -3, 1, short.MaxValue).AsByte();
        var b = Vector128.Create(short.MinValue, short.MaxValue, 1, 16384, 16384, 16384, 16384, short.MaxValue).AsByte();
        // (a * b + 0x4000) >> 15, floor division, then saturated.
        SimdOps.I16x8Q15mulrSatS(a, b).AsInt16()
            .Should().Be(Vector128.Create(short.MaxValue, (short)-32767, (short)-1, (short)8192, (short)2, (short)-1, (short)1, (short)32766));
    }

    [Fact]
    public void I32x4DotI16x8S_MinimumProducts_WrapModulo32Bits()
    {
        var a = Vector128.Create(short.MinValue, short.MinValue, 1, 2, -3, 4, 0, 0).AsByte();
        var b = Vector128.Create(short.MinValue, short.MinValue, 5, 6, 7, -8, 0, 0).AsByte();
        SimdOps.I32x4DotI16x8S(a, b).AsInt32().Should().Be(Vector128.Create(int.MinValue, 17, -53, 0));
    }

    [Fact]
    public void ExtaddPairwise_ExtremeLanes_SumWithoutOverflow()
    {
        SimdOps.I16x8ExtaddPairwiseI8x16S(SimdOps.I8x16Splat(-128)).Should().Be(SimdOps.I16x8Splat(-256));
        SimdOps.I16x8ExtaddPairwiseI8x16U(SimdOps.I8x16Splat(255)).Should().Be(SimdOps.I16x8Splat(510));
        SimdOps.I32x4ExtaddPairwiseI16x8S(SimdOps.I16x8Splat(short.MinValue)).Should().Be(SimdOps.I32x4Splat(-65536));
        SimdOps.I32x4ExtaddPairwiseI16x8U(SimdOps.I16x8Splat(-1)).Should().Be(SimdOps.I32x4Splat(131070));
        var mixed = Vector128.Create((sbyte)1, -2, 3, 4, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).AsByte();
        SimdOps.I16x8ExtaddPairwiseI8x16S(mixed).AsInt16().Should().Be(Vector128.Create((short)-1, 7, -1, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void Extmul_ExtremeLanes_GiveFullWidthProducts()
    {
        var bytes = Vector128.Create((byte)0x80, 0xFF, 2, 3, 4, 5, 6, 7, 0xFF, 0x80, 0, 0, 0, 0, 0, 0);
        SimdOps.I16x8ExtmulLowI8x16S(bytes, bytes).AsInt16().Should().Be(Vector128.Create((short)16384, 1, 4, 9, 16, 25, 36, 49));
        SimdOps.I16x8ExtmulHighI8x16U(bytes, bytes).AsUInt16().Should().Be(Vector128.Create((ushort)65025, 16384, 0, 0, 0, 0, 0, 0));

        var shorts = Vector128.Create(short.MinValue, -1, 2, 3, -1, short.MinValue, 0, 0).AsByte();
        SimdOps.I32x4ExtmulLowI16x8S(shorts, shorts).AsInt32().Should().Be(Vector128.Create(1 << 30, 1, 4, 9));
        SimdOps.I32x4ExtmulHighI16x8U(shorts, shorts).AsUInt32().Should().Be(Vector128.Create(4294836225u, 1u << 30, 0, 0));

        var ints = Vector128.Create(int.MinValue, -1, 5, int.MaxValue).AsByte();
        SimdOps.I64x2ExtmulLowI32x4S(ints, ints).AsInt64().Should().Be(Vector128.Create(1L << 62, 1L));
        SimdOps.I64x2ExtmulHighI32x4S(ints, ints).AsInt64().Should().Be(Vector128.Create(25L, (long)int.MaxValue * int.MaxValue));
        SimdOps.I64x2ExtmulLowI32x4U(ints, ints).AsUInt64().Should().Be(Vector128.Create(1UL << 62, 18446744065119617025UL));
        SimdOps.I64x2ExtmulHighI32x4U(ints, SimdOps.I32x4Splat(-1)).AsUInt64().Should().Be(Vector128.Create(5UL * uint.MaxValue, (ulong)int.MaxValue * uint.MaxValue));
    }

    [Fact]
    public void Extend_LowAndHighHalves_SignOrZeroExtend()
    {
        var bytes = Vector128.Create((byte)0xFF, 1, 0x80, 0, 0, 0, 0, 0, 0x7F, 0, 0, 0, 0, 0, 0, 0xFE);
        SimdOps.I16x8ExtendLowI8x16S(bytes).AsInt16().Should().Be(Vector128.Create((short)-1, 1, -128, 0, 0, 0, 0, 0));
        SimdOps.I16x8ExtendHighI8x16U(bytes).AsInt16().Should().Be(Vector128.Create((short)127, 0, 0, 0, 0, 0, 0, 254));
        var ints = Vector128.Create(-1, 2, int.MinValue, -3).AsByte();
        SimdOps.I64x2ExtendLowI32x4U(ints).AsInt64().Should().Be(Vector128.Create(0xFFFF_FFFFL, 2L));
        SimdOps.I64x2ExtendHighI32x4S(ints).AsInt64().Should().Be(Vector128.Create((long)int.MinValue, -3L));
        SimdOps.I32x4ExtendHighI16x8S(SimdOps.I16x8Splat(-2)).Should().Be(SimdOps.I32x4Splat(-2));
        SimdOps.I32x4ExtendLowI16x8U(SimdOps.I16x8Splat(-2)).Should().Be(SimdOps.I32x4Splat(65534));
    }

    [Fact]
    public void Narrow_OutOfRangeLanes_Saturate()
    {
        var shorts = Vector128.Create((short)-129, -128, 127, 128, 255, 256, -1, 0).AsByte();
        SimdOps.I8x16NarrowI16x8S(shorts, SimdOps.I16x8Splat(short.MaxValue)).AsSByte()
            .Should().Be(Vector128.Create((sbyte)-128, -128, 127, 127, 127, 127, -1, 0, 127, 127, 127, 127, 127, 127, 127, 127));
        SimdOps.I8x16NarrowI16x8U(shorts, SimdOps.I16x8Splat(short.MinValue))
            .Should().Be(Vector128.Create((byte)0, 0, 127, 128, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        var ints = Vector128.Create(-32769, 32768, 65535, 65536).AsByte();
        SimdOps.I16x8NarrowI32x4S(ints, SimdOps.I32x4Splat(-1)).AsInt16()
            .Should().Be(Vector128.Create(short.MinValue, short.MaxValue, short.MaxValue, short.MaxValue, (short)-1, (short)-1, (short)-1, (short)-1));
        SimdOps.I16x8NarrowI32x4U(ints, SimdOps.I32x4Splat(int.MinValue)).AsUInt16()
            .Should().Be(Vector128.Create((ushort)0, 32768, 65535, 65535, 0, 0, 0, 0));
    }

    [Fact]
    public void I8x16Popcnt_EveryByteValue_CountsItsBits()
    {
        for (var start = 0; start < 256; start += 16)
        {
            var lanes = Enumerable.Range(start, 16).Select(value => (byte)value).ToArray();
            var expected = lanes.Select(value => (byte)System.Numerics.BitOperations.PopCount(value)).ToArray();
            SimdOps.I8x16Popcnt(Vector128.Create(lanes)).Should().Be(Vector128.Create(expected));
        }
    }

    [Fact]
    public void Comparisons_UnsignedAndSigned_ReadTheSameBitsDifferently()
    {
        var minusOne = SimdOps.I32x4Splat(-1);
        var one = SimdOps.I32x4Splat(1);
        SimdOps.I32x4LtS(minusOne, one).Should().Be(SimdOps.I32x4Splat(-1));
        SimdOps.I32x4LtU(minusOne, one).Should().Be(Vector128<byte>.Zero);
        SimdOps.I8x16GeU(SimdOps.I8x16Splat(0x80), SimdOps.I8x16Splat(0x7F)).Should().Be(SimdOps.I8x16Splat(-1));
        SimdOps.I8x16GeS(SimdOps.I8x16Splat(0x80), SimdOps.I8x16Splat(0x7F)).Should().Be(Vector128<byte>.Zero);
        SimdOps.I16x8LeU(SimdOps.I16x8Splat(5), SimdOps.I16x8Splat(5)).Should().Be(SimdOps.I16x8Splat(-1));
        SimdOps.I64x2GtS(SimdOps.I64x2Splat(long.MinValue), SimdOps.I64x2Splat(long.MaxValue)).Should().Be(Vector128<byte>.Zero);
        SimdOps.I64x2Ne(SimdOps.I64x2Splat(1L << 32), SimdOps.I64x2Splat(0)).Should().Be(SimdOps.I64x2Splat(-1));
    }
}
