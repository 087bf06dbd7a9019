using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

internal static partial class SimdOps
{
    private static Vector128<float> CanonicalSingleNaNs
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.Create(0x7FC0_0000).AsSingle();
    }

    private static Vector128<double> CanonicalDoubleNaNs
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.Create(0x7FF8_0000_0000_0000L).AsDouble();
    }

    // abs and neg are sign-bit operations: NaN payloads pass through untouched.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Abs(Vector128<byte> value) => (value.AsUInt32() & Vector128.Create(0x7FFF_FFFFu)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Neg(Vector128<byte> value) => (value.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Abs(Vector128<byte> value) =>
        (value.AsUInt64() & Vector128.Create(0x7FFF_FFFF_FFFF_FFFFUL)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Neg(Vector128<byte> value) =>
        (value.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000UL)).AsByte();

    // The IEEE operations below already produce what Wasm accepts for NaN lanes: a quiet NaN
    // derived from a NaN operand (canonical in, canonical out) or the default NaN, which is canonical.
    // But RyuJIT rewrites vector arithmetic with an identity constant (x - 0, x + -0, x * 1, x / 1)
    // to plain x, even for the Sse intrinsics, which hands a signalling NaN back unquieted. It does
    // not rewrite fused multiply-adds, and add, sub and mul are exact as FMAs with a constant 1 or
    // -0 (one rounding, same zero signs), so those run as FMAs at no cost. Division, and everything
    // without FMA, is followed by an explicit quieting of NaN lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Sqrt(Vector128<byte> value) => Vector128.Sqrt(value.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Add(Vector128<byte> left, Vector128<byte> right) =>
        Fma.IsSupported
            ? Fma.MultiplyAdd(right.AsSingle(), Vector128.Create(1f), left.AsSingle()).AsByte()
            : QuietNaNLanes(left.AsSingle() + right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Sub(Vector128<byte> left, Vector128<byte> right) =>
        Fma.IsSupported
            ? Fma.MultiplyAddNegated(right.AsSingle(), Vector128.Create(1f), left.AsSingle()).AsByte()
            : QuietNaNLanes(left.AsSingle() - right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Mul(Vector128<byte> left, Vector128<byte> right) =>
        Fma.IsSupported
            ? Fma.MultiplyAdd(left.AsSingle(), right.AsSingle(), Vector128.Create(-0f)).AsByte()
            : QuietNaNLanes(left.AsSingle() * right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Div(Vector128<byte> left, Vector128<byte> right) =>
        QuietNaNLanes(left.AsSingle() / right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Sqrt(Vector128<byte> value) => Vector128.Sqrt(value.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Add(Vector128<byte> left, Vector128<byte> right) =>
        Fma.IsSupported
            ? Fma.MultiplyAdd(right.AsDouble(), Vector128.Create(1.0), left.AsDouble()).AsByte()
            : QuietNaNLanes(left.AsDouble() + right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Sub(Vector128<byte> left, Vector128<byte> right) =>
        Fma.IsSupported
            ? Fma.MultiplyAddNegated(right.AsDouble(), Vector128.Create(1.0), left.AsDouble()).AsByte()
            : QuietNaNLanes(left.AsDouble() - right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Mul(Vector128<byte> left, Vector128<byte> right) =>
        Fma.IsSupported
            ? Fma.MultiplyAdd(left.AsDouble(), right.AsDouble(), Vector128.Create(-0.0)).AsByte()
            : QuietNaNLanes(left.AsDouble() * right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Div(Vector128<byte> left, Vector128<byte> right) =>
        QuietNaNLanes(left.AsDouble() / right.AsDouble()).AsByte();

    /// <summary>Sets the quiet bit of NaN lanes, keeping their payload; other lanes pass unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> QuietNaNLanes(Vector128<float> value) =>
        value | (~Vector128.Equals(value, value) & Vector128.Create(0x0040_0000).AsSingle());

    /// <inheritdoc cref="QuietNaNLanes(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> QuietNaNLanes(Vector128<double> value) =>
        value | (~Vector128.Equals(value, value) & Vector128.Create(0x0008_0000_0000_0000L).AsDouble());

    // Wasm min/max: NaN if either lane is NaN, and -0 < +0. minps/maxps return their second
    // operand for NaN and for equal zeros, so both operand orders are combined: OR-ing the two
    // minima (AND-ing the maxima) picks the right zero, and NaN lanes are overwritten.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Min(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsSingle();
        var b = right.AsSingle();
        Vector128<float> minimum;
        Vector128<float> unordered;
        if (Sse.IsSupported)
        {
            minimum = Sse.Or(Sse.Min(a, b), Sse.Min(b, a));
            unordered = Sse.CompareUnordered(a, b);
        }
        else
        {
            // Equal lanes differ at most in the sign of zero; OR-ing in a's bits yields -0 if either is.
            var equal = Vector128.Equals(a, b);
            minimum = Vector128.ConditionalSelect(Vector128.LessThan(a, b), a, b) | (equal & a);
            unordered = ~(Vector128.Equals(a, a) & Vector128.Equals(b, b));
        }

        return Vector128.ConditionalSelect(unordered, CanonicalSingleNaNs, minimum).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Max(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsSingle();
        var b = right.AsSingle();
        Vector128<float> maximum;
        Vector128<float> unordered;
        if (Sse.IsSupported)
        {
            maximum = Sse.And(Sse.Max(a, b), Sse.Max(b, a));
            unordered = Sse.CompareUnordered(a, b);
        }
        else
        {
            // Equal lanes differ at most in the sign of zero; AND-ing in a's bits yields +0 if either is.
            var equal = Vector128.Equals(a, b);
            maximum = Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), a, b) & (a | ~equal);
            unordered = ~(Vector128.Equals(a, a) & Vector128.Equals(b, b));
        }

        return Vector128.ConditionalSelect(unordered, CanonicalSingleNaNs, maximum).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Min(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsDouble();
        var b = right.AsDouble();
        Vector128<double> minimum;
        Vector128<double> unordered;
        if (Sse2.IsSupported)
        {
            minimum = Sse2.Or(Sse2.Min(a, b), Sse2.Min(b, a));
            unordered = Sse2.CompareUnordered(a, b);
        }
        else
        {
            var equal = Vector128.Equals(a, b);
            minimum = Vector128.ConditionalSelect(Vector128.LessThan(a, b), a, b) | (equal & a);
            unordered = ~(Vector128.Equals(a, a) & Vector128.Equals(b, b));
        }

        return Vector128.ConditionalSelect(unordered, CanonicalDoubleNaNs, minimum).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Max(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsDouble();
        var b = right.AsDouble();
        Vector128<double> maximum;
        Vector128<double> unordered;
        if (Sse2.IsSupported)
        {
            maximum = Sse2.And(Sse2.Max(a, b), Sse2.Max(b, a));
            unordered = Sse2.CompareUnordered(a, b);
        }
        else
        {
            var equal = Vector128.Equals(a, b);
            maximum = Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), a, b) & (a | ~equal);
            unordered = ~(Vector128.Equals(a, a) & Vector128.Equals(b, b));
        }

        return Vector128.ConditionalSelect(unordered, CanonicalDoubleNaNs, maximum).AsByte();
    }

    // Pseudo-min/max are defined as b < a ? b : a and a < b ? b : a, which is exactly
    // minps(b, a) and maxps(b, a), NaN and zero cases included.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Pmin(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsSingle();
        var b = right.AsSingle();
        return Sse.IsSupported
            ? Sse.Min(b, a).AsByte()
            : Vector128.ConditionalSelect(Vector128.LessThan(b, a), b, a).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Pmax(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsSingle();
        var b = right.AsSingle();
        return Sse.IsSupported
            ? Sse.Max(b, a).AsByte()
            : Vector128.ConditionalSelect(Vector128.LessThan(a, b), b, a).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Pmin(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsDouble();
        var b = right.AsDouble();
        return Sse2.IsSupported
            ? Sse2.Min(b, a).AsByte()
            : Vector128.ConditionalSelect(Vector128.LessThan(b, a), b, a).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Pmax(Vector128<byte> left, Vector128<byte> right)
    {
        var a = left.AsDouble();
        var b = right.AsDouble();
        return Sse2.IsSupported
            ? Sse2.Max(b, a).AsByte()
            : Vector128.ConditionalSelect(Vector128.LessThan(a, b), b, a).AsByte();
    }

    // roundps/roundpd round exactly as Wasm asks (ties to even for nearest, sign of zero kept,
    // signalling NaN quieted). Without SSE4.1 each lane goes through the scalar helper.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Ceil(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToPositiveInfinity(value.AsSingle()).AsByte();
        }

        var v = value.AsSingle();
        return Vector128.Create(
            ScalarOps.F32Ceil(v.GetElement(0)), ScalarOps.F32Ceil(v.GetElement(1)),
            ScalarOps.F32Ceil(v.GetElement(2)), ScalarOps.F32Ceil(v.GetElement(3))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Floor(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToNegativeInfinity(value.AsSingle()).AsByte();
        }

        var v = value.AsSingle();
        return Vector128.Create(
            ScalarOps.F32Floor(v.GetElement(0)), ScalarOps.F32Floor(v.GetElement(1)),
            ScalarOps.F32Floor(v.GetElement(2)), ScalarOps.F32Floor(v.GetElement(3))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Trunc(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToZero(value.AsSingle()).AsByte();
        }

        var v = value.AsSingle();
        return Vector128.Create(
            ScalarOps.F32Trunc(v.GetElement(0)), ScalarOps.F32Trunc(v.GetElement(1)),
            ScalarOps.F32Trunc(v.GetElement(2)), ScalarOps.F32Trunc(v.GetElement(3))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Nearest(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToNearestInteger(value.AsSingle()).AsByte();
        }

        var v = value.AsSingle();
        return Vector128.Create(
            ScalarOps.F32Nearest(v.GetElement(0)), ScalarOps.F32Nearest(v.GetElement(1)),
            ScalarOps.F32Nearest(v.GetElement(2)), ScalarOps.F32Nearest(v.GetElement(3))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Ceil(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToPositiveInfinity(value.AsDouble()).AsByte();
        }

        var v = value.AsDouble();
        return Vector128.Create(ScalarOps.F64Ceil(v.GetElement(0)), ScalarOps.F64Ceil(v.GetElement(1))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Floor(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToNegativeInfinity(value.AsDouble()).AsByte();
        }

        var v = value.AsDouble();
        return Vector128.Create(ScalarOps.F64Floor(v.GetElement(0)), ScalarOps.F64Floor(v.GetElement(1))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Trunc(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToZero(value.AsDouble()).AsByte();
        }

        var v = value.AsDouble();
        return Vector128.Create(ScalarOps.F64Trunc(v.GetElement(0)), ScalarOps.F64Trunc(v.GetElement(1))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Nearest(Vector128<byte> value)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.RoundToNearestInteger(value.AsDouble()).AsByte();
        }

        var v = value.AsDouble();
        return Vector128.Create(ScalarOps.F64Nearest(v.GetElement(0)), ScalarOps.F64Nearest(v.GetElement(1))).AsByte();
    }
}
