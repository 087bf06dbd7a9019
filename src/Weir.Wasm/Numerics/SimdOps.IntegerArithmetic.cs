using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

internal static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Add(Vector128<byte> left, Vector128<byte> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Add(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt16() + right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Add(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt32() + right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Add(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt64() + right.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Sub(Vector128<byte> left, Vector128<byte> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Sub(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt16() - right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Sub(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt32() - right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Sub(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt64() - right.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Mul(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt16() * right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Mul(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt32() * right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Mul(Vector128<byte> left, Vector128<byte> right) => (left.AsUInt64() * right.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Neg(Vector128<byte> value) => Vector128<byte>.Zero - value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Neg(Vector128<byte> value) => (Vector128<ushort>.Zero - value.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Neg(Vector128<byte> value) => (Vector128<uint>.Zero - value.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Neg(Vector128<byte> value) => (Vector128<ulong>.Zero - value.AsUInt64()).AsByte();

    // Wasm abs wraps: the minimum value stays itself. pabs* does that; the portable form is
    // (x ^ sign) - sign, which wraps the same way, since the scalar Math.Abs would throw.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Abs(Vector128<byte> value)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Abs(value.AsSByte());
        }

        var sign = Vector128.ShiftRightArithmetic(value.AsSByte(), 7);
        return ((value.AsSByte() ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Abs(Vector128<byte> value)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Abs(value.AsInt16()).AsByte();
        }

        var sign = Vector128.ShiftRightArithmetic(value.AsInt16(), 15);
        return ((value.AsInt16() ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Abs(Vector128<byte> value)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Abs(value.AsInt32()).AsByte();
        }

        var sign = Vector128.ShiftRightArithmetic(value.AsInt32(), 31);
        return ((value.AsInt32() ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Abs(Vector128<byte> value)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Abs(value.AsInt64()).AsByte();
        }

        var sign = Vector128.ShiftRightArithmetic(value.AsInt64(), 63);
        return ((value.AsInt64() ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16AddSatS(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.AddSaturate(left.AsSByte(), right.AsSByte()).AsByte()
            : Vector128.AddSaturate(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16AddSatU(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported ? Sse2.AddSaturate(left, right) : Vector128.AddSaturate(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16SubSatS(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.SubtractSaturate(left.AsSByte(), right.AsSByte()).AsByte()
            : Vector128.SubtractSaturate(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16SubSatU(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported ? Sse2.SubtractSaturate(left, right) : Vector128.SubtractSaturate(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8AddSatS(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.AddSaturate(left.AsInt16(), right.AsInt16()).AsByte()
            : Vector128.AddSaturate(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8AddSatU(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.AddSaturate(left.AsUInt16(), right.AsUInt16()).AsByte()
            : Vector128.AddSaturate(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8SubSatS(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.SubtractSaturate(left.AsInt16(), right.AsInt16()).AsByte()
            : Vector128.SubtractSaturate(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8SubSatU(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.SubtractSaturate(left.AsUInt16(), right.AsUInt16()).AsByte()
            : Vector128.SubtractSaturate(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16MinS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Min(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16MinU(Vector128<byte> left, Vector128<byte> right) => Vector128.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16MaxS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Max(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16MaxU(Vector128<byte> left, Vector128<byte> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8MinS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Min(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8MinU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Min(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8MaxS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Max(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8MaxU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Max(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4MinS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Min(left.AsInt32(), right.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4MinU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Min(left.AsUInt32(), right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4MaxS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Max(left.AsInt32(), right.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4MaxU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Max(left.AsUInt32(), right.AsUInt32()).AsByte();

    // Rounding average (a + b + 1) >> 1 without overflow: (a | b) - ((a ^ b) >> 1) is the same value.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16AvgrU(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported
            ? Sse2.Average(left, right)
            : (left | right) - Vector128.ShiftRightLogical(left ^ right, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8AvgrU(Vector128<byte> left, Vector128<byte> right)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Average(left.AsUInt16(), right.AsUInt16()).AsByte();
        }

        var a = left.AsUInt16();
        var b = right.AsUInt16();
        return ((a | b) - Vector128.ShiftRightLogical(a ^ b, 1)).AsByte();
    }

    // Shift counts are taken modulo the lane width, as Wasm specifies; masking here keeps the
    // Vector128 shifts inside the range where every platform agrees.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Shl(Vector128<byte> value, int count) => Vector128.ShiftLeft(value, count & 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16ShrS(Vector128<byte> value, int count) =>
        Vector128.ShiftRightArithmetic(value.AsSByte(), count & 7).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16ShrU(Vector128<byte> value, int count) => Vector128.ShiftRightLogical(value, count & 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Shl(Vector128<byte> value, int count) =>
        Vector128.ShiftLeft(value.AsUInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ShrS(Vector128<byte> value, int count) =>
        Vector128.ShiftRightArithmetic(value.AsInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ShrU(Vector128<byte> value, int count) =>
        Vector128.ShiftRightLogical(value.AsUInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Shl(Vector128<byte> value, int count) =>
        Vector128.ShiftLeft(value.AsUInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ShrS(Vector128<byte> value, int count) =>
        Vector128.ShiftRightArithmetic(value.AsInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ShrU(Vector128<byte> value, int count) =>
        Vector128.ShiftRightLogical(value.AsUInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Shl(Vector128<byte> value, int count) =>
        Vector128.ShiftLeft(value.AsUInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ShrS(Vector128<byte> value, int count) =>
        Vector128.ShiftRightArithmetic(value.AsInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ShrU(Vector128<byte> value, int count) =>
        Vector128.ShiftRightLogical(value.AsUInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Q15mulrSatS(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsInt16();
        var b = right.AsInt16();
        if (Ssse3.IsSupported)
        {
            // pmulhrsw computes (a * b + 0x4000) >> 15 but wraps the single overflowing case,
            // -32768 * -32768, to -32768; flipping those lanes gives the saturated 32767.
            var minimum = Vector128.Create(short.MinValue);
            var overflow = Sse2.And(Sse2.CompareEqual(a, minimum), Sse2.CompareEqual(b, minimum));
            return Sse2.Xor(Ssse3.MultiplyHighRoundScale(a, b), overflow).AsByte();
        }

        var rounding = Vector128.Create(0x4000);
        var lower = Vector128.ShiftRightArithmetic((Vector128.WidenLower(a) * Vector128.WidenLower(b)) + rounding, 15);
        var upper = Vector128.ShiftRightArithmetic((Vector128.WidenUpper(a) * Vector128.WidenUpper(b)) + rounding, 15);
        return Vector128.NarrowWithSaturation(lower, upper).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4DotI16x8S(Vector128<byte> left, Vector128<byte> right)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(left.AsInt16(), right.AsInt16()).AsByte();
        }

        // Split each i32 lane into its sign-extended even and odd i16 halves. The sum wraps on
        // -32768 * -32768 * 2, exactly like the modular Wasm result.
        var a = left.AsInt32();
        var b = right.AsInt32();
        var evenA = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(a, 16), 16);
        var evenB = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(b, 16), 16);
        var oddA = Vector128.ShiftRightArithmetic(a, 16);
        var oddB = Vector128.ShiftRightArithmetic(b, 16);
        return ((evenA * evenB) + (oddA * oddB)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtaddPairwiseI8x16S(Vector128<byte> value)
    {
        if (Ssse3.IsSupported)
        {
            // pmaddubsw multiplies unsigned by signed bytes; with 1 as the unsigned side the pair
            // sums stay within -256..254, far from its saturation.
            return Ssse3.MultiplyAddAdjacent(Vector128.Create((byte)1), value.AsSByte()).AsByte();
        }

        var pairs = value.AsInt16();
        var even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(pairs, 8), 8);
        var odd = Vector128.ShiftRightArithmetic(pairs, 8);
        return (even + odd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtaddPairwiseI8x16U(Vector128<byte> value)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.MultiplyAddAdjacent(value, Vector128.Create((sbyte)1)).AsByte();
        }

        var pairs = value.AsUInt16();
        var even = pairs & Vector128.Create((ushort)0xFF);
        var odd = Vector128.ShiftRightLogical(pairs, 8);
        return (even + odd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtaddPairwiseI16x8S(Vector128<byte> value)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(value.AsInt16(), Vector128.Create((short)1)).AsByte();
        }

        var pairs = value.AsInt32();
        var even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(pairs, 16), 16);
        var odd = Vector128.ShiftRightArithmetic(pairs, 16);
        return (even + odd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtaddPairwiseI16x8U(Vector128<byte> value)
    {
        var pairs = value.AsUInt32();
        var even = pairs & Vector128.Create(0xFFFFu);
        var odd = Vector128.ShiftRightLogical(pairs, 16);
        return (even + odd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtendLowI8x16S(Vector128<byte> value) => Vector128.WidenLower(value.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtendHighI8x16S(Vector128<byte> value) => Vector128.WidenUpper(value.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtendLowI8x16U(Vector128<byte> value) => Vector128.WidenLower(value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtendHighI8x16U(Vector128<byte> value) => Vector128.WidenUpper(value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtendLowI16x8S(Vector128<byte> value) => Vector128.WidenLower(value.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtendHighI16x8S(Vector128<byte> value) => Vector128.WidenUpper(value.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtendLowI16x8U(Vector128<byte> value) => Vector128.WidenLower(value.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtendHighI16x8U(Vector128<byte> value) => Vector128.WidenUpper(value.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtendLowI32x4S(Vector128<byte> value) => Vector128.WidenLower(value.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtendHighI32x4S(Vector128<byte> value) => Vector128.WidenUpper(value.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtendLowI32x4U(Vector128<byte> value) => Vector128.WidenLower(value.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtendHighI32x4U(Vector128<byte> value) => Vector128.WidenUpper(value.AsUInt32()).AsByte();

    // Extended multiplications: the widened products always fit the wider lane, so a plain
    // wide multiply is exact.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtmulLowI8x16S(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenLower(left.AsSByte()) * Vector128.WidenLower(right.AsSByte())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtmulHighI8x16S(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenUpper(left.AsSByte()) * Vector128.WidenUpper(right.AsSByte())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtmulLowI8x16U(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenLower(left) * Vector128.WidenLower(right)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ExtmulHighI8x16U(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenUpper(left) * Vector128.WidenUpper(right)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtmulLowI16x8S(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenLower(left.AsInt16()) * Vector128.WidenLower(right.AsInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtmulHighI16x8S(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenUpper(left.AsInt16()) * Vector128.WidenUpper(right.AsInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtmulLowI16x8U(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenLower(left.AsUInt16()) * Vector128.WidenLower(right.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ExtmulHighI16x8U(Vector128<byte> left, Vector128<byte> right) =>
        (Vector128.WidenUpper(left.AsUInt16()) * Vector128.WidenUpper(right.AsUInt16())).AsByte();

    // For 32x32->64 products, pmuldq/pmuludq multiply lanes 0 and 2; a shuffle puts the wanted
    // pair there, which avoids a 64-bit lane multiply that SSE lacks.
    private const byte LowPairToEvenLanes = 0b_01_01_00_00;
    private const byte HighPairToEvenLanes = 0b_11_11_10_10;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtmulLowI32x4S(Vector128<byte> left, Vector128<byte> right)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.Multiply(Sse2.Shuffle(left.AsInt32(), LowPairToEvenLanes), Sse2.Shuffle(right.AsInt32(), LowPairToEvenLanes)).AsByte();
        }

        return (Vector128.WidenLower(left.AsInt32()) * Vector128.WidenLower(right.AsInt32())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtmulHighI32x4S(Vector128<byte> left, Vector128<byte> right)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.Multiply(Sse2.Shuffle(left.AsInt32(), HighPairToEvenLanes), Sse2.Shuffle(right.AsInt32(), HighPairToEvenLanes)).AsByte();
        }

        return (Vector128.WidenUpper(left.AsInt32()) * Vector128.WidenUpper(right.AsInt32())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtmulLowI32x4U(Vector128<byte> left, Vector128<byte> right)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Multiply(Sse2.Shuffle(left.AsUInt32(), LowPairToEvenLanes), Sse2.Shuffle(right.AsUInt32(), LowPairToEvenLanes)).AsByte();
        }

        return (Vector128.WidenLower(left.AsUInt32()) * Vector128.WidenLower(right.AsUInt32())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ExtmulHighI32x4U(Vector128<byte> left, Vector128<byte> right)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Multiply(Sse2.Shuffle(left.AsUInt32(), HighPairToEvenLanes), Sse2.Shuffle(right.AsUInt32(), HighPairToEvenLanes)).AsByte();
        }

        return (Vector128.WidenUpper(left.AsUInt32()) * Vector128.WidenUpper(right.AsUInt32())).AsByte();
    }

    // Narrowing saturates signed inputs: to the signed range, or for the _u forms to 0..max.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16NarrowI16x8S(Vector128<byte> low, Vector128<byte> high)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.PackSignedSaturate(low.AsInt16(), high.AsInt16()).AsByte();
        }

        return Vector128.NarrowWithSaturation(low.AsInt16(), high.AsInt16()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16NarrowI16x8U(Vector128<byte> low, Vector128<byte> high)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.PackUnsignedSaturate(low.AsInt16(), high.AsInt16());
        }

        // Clamping negatives to 0 first makes an unsigned saturating narrow give the Wasm result.
        var lowClamped = Vector128.Max(low.AsInt16(), Vector128<short>.Zero).AsUInt16();
        var highClamped = Vector128.Max(high.AsInt16(), Vector128<short>.Zero).AsUInt16();
        return Vector128.NarrowWithSaturation(lowClamped, highClamped);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8NarrowI32x4S(Vector128<byte> low, Vector128<byte> high)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.PackSignedSaturate(low.AsInt32(), high.AsInt32()).AsByte();
        }

        return Vector128.NarrowWithSaturation(low.AsInt32(), high.AsInt32()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8NarrowI32x4U(Vector128<byte> low, Vector128<byte> high)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.PackUnsignedSaturate(low.AsInt32(), high.AsInt32()).AsByte();
        }

        var lowClamped = Vector128.Max(low.AsInt32(), Vector128<int>.Zero).AsUInt32();
        var highClamped = Vector128.Max(high.AsInt32(), Vector128<int>.Zero).AsUInt32();
        return Vector128.NarrowWithSaturation(lowClamped, highClamped).AsByte();
    }
}
