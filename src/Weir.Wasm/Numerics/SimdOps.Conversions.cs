using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

internal static partial class SimdOps
{
    private const float TwoToThe31 = 2147483648f;
    private const float TwoToThe32 = 4294967296f;
    private const double TwoToThe52 = 4503599627370496.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4TruncSatF32x4S(Vector128<byte> value)
    {
        var v = value.AsSingle();
        if (Sse2.IsSupported)
        {
            // cvttps2dq answers 0x80000000 for NaN and for anything out of range. Zeroing NaN
            // lanes first and flipping the lanes at or above 2^31 to 0x7FFFFFFF fixes both.
            var withoutNaN = Sse.And(v, Sse.CompareOrdered(v, v));
            var converted = Sse2.ConvertToVector128Int32WithTruncation(withoutNaN);
            var tooLarge = Sse.CompareGreaterThanOrEqual(withoutNaN, Vector128.Create(TwoToThe31)).AsInt32();
            return Sse2.Xor(converted, tooLarge).AsByte();
        }

        return Vector128.Create(
            ScalarOps.I32TruncSatF32S(v.GetElement(0)), ScalarOps.I32TruncSatF32S(v.GetElement(1)),
            ScalarOps.I32TruncSatF32S(v.GetElement(2)), ScalarOps.I32TruncSatF32S(v.GetElement(3))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4TruncSatF32x4U(Vector128<byte> value)
    {
        var v = value.AsSingle();
        if (Sse2.IsSupported)
        {
            // maxps returns its second operand for NaN and for -0, so this clamps to [+0, inf].
            var clamped = Sse.Max(v, Vector128<float>.Zero);
            var belowTwoToThe31 = Sse2.ConvertToVector128Int32WithTruncation(clamped);
            // In [2^31, 2^32) subtracting 2^31 is exact; adding it back is flipping the top bit.
            var aboveTwoToThe31 = Sse2.Xor(
                Sse2.ConvertToVector128Int32WithTruncation(Sse.Subtract(clamped, Vector128.Create(TwoToThe31))),
                Vector128.Create(int.MinValue));
            var isAbove = Sse.CompareGreaterThanOrEqual(clamped, Vector128.Create(TwoToThe31)).AsInt32();
            var isTooLarge = Sse.CompareGreaterThanOrEqual(clamped, Vector128.Create(TwoToThe32)).AsInt32();
            return Sse2.Or(Vector128.ConditionalSelect(isAbove, aboveTwoToThe31, belowTwoToThe31), isTooLarge).AsByte();
        }

        return Vector128.Create(
            ScalarOps.I32TruncSatF32U(v.GetElement(0)), ScalarOps.I32TruncSatF32U(v.GetElement(1)),
            ScalarOps.I32TruncSatF32U(v.GetElement(2)), ScalarOps.I32TruncSatF32U(v.GetElement(3))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4TruncSatF64x2SZero(Vector128<byte> value)
    {
        var v = value.AsDouble();
        if (Sse2.IsSupported)
        {
            // Both limits are exact doubles, so clamping before cvttpd2dq (which zeroes lanes 2
            // and 3) leaves only NaN to handle, and that was turned into +0 first.
            var withoutNaN = Sse2.And(v, Sse2.CompareOrdered(v, v));
            var clamped = Sse2.Min(Sse2.Max(withoutNaN, Vector128.Create((double)int.MinValue)), Vector128.Create((double)int.MaxValue));
            return Sse2.ConvertToVector128Int32WithTruncation(clamped).AsByte();
        }

        return Vector128.Create(ScalarOps.I32TruncSatF64S(v.GetElement(0)), ScalarOps.I32TruncSatF64S(v.GetElement(1)), 0, 0).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4TruncSatF64x2UZero(Vector128<byte> value)
    {
        var v = value.AsDouble();
        if (Sse41.IsSupported)
        {
            // Clamp to [0, 2^32-1] (maxpd turns NaN into its second operand, 0), truncate, then
            // add 2^52 so the integer lands in the low 32 bits of each double's mantissa.
            var clamped = Sse2.Min(Sse2.Max(v, Vector128<double>.Zero), Vector128.Create((double)uint.MaxValue));
            var biased = Sse2.Add(Sse41.RoundToZero(clamped), Vector128.Create(TwoToThe52));
            return Sse.Shuffle(biased.AsSingle(), Vector128<float>.Zero, 0b_00_00_10_00).AsByte();
        }

        return Vector128.Create(ScalarOps.I32TruncSatF64U(v.GetElement(0)), ScalarOps.I32TruncSatF64U(v.GetElement(1)), 0, 0).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4ConvertI32x4S(Vector128<byte> value) => Vector128.ConvertToSingle(value.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4ConvertI32x4U(Vector128<byte> value)
    {
        // Both 16-bit halves convert exactly, and scaling the high one by 2^16 is exact too, so
        // the final addition is the only rounding, as Wasm requires.
        var v = value.AsUInt32();
        var high = Vector128.ConvertToSingle(Vector128.ShiftRightLogical(v, 16).AsInt32()) * Vector128.Create(65536f);
        var low = Vector128.ConvertToSingle((v & Vector128.Create(0xFFFFu)).AsInt32());
        return (high + low).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2ConvertLowI32x4S(Vector128<byte> value)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Double(value.AsInt32()).AsByte();
        }

        var v = value.AsInt32();
        return Vector128.Create((double)v.GetElement(0), v.GetElement(1)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2ConvertLowI32x4U(Vector128<byte> value)
    {
        // Placing the 32-bit integer in the mantissa of 2^52 and subtracting 2^52 is exact.
        var widened = Vector128.WidenLower(value.AsUInt32());
        var biased = (widened | Vector128.Create(0x4330_0000_0000_0000UL)).AsDouble();
        return (biased - Vector128.Create(TwoToThe52)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4DemoteF64x2Zero(Vector128<byte> value)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Single(value.AsDouble()).AsByte();
        }

        var v = value.AsDouble();
        return Vector128.Create((float)v.GetElement(0), (float)v.GetElement(1), 0f, 0f).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2PromoteLowF32x4(Vector128<byte> value)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Double(value.AsSingle()).AsByte();
        }

        var v = value.AsSingle();
        return Vector128.Create((double)v.GetElement(0), v.GetElement(1)).AsByte();
    }
}
