using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

internal static partial class ScalarOps
{
    private const int SingleSignMask = int.MinValue;
    private const long DoubleSignMask = long.MinValue;

    /// <summary>The positive canonical NaN; every Wasm rule that may produce a NaN accepts it.</summary>
    internal static float CanonicalSingleNaN
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.Int32BitsToSingle(0x7FC0_0000);
    }

    /// <inheritdoc cref="CanonicalSingleNaN"/>
    internal static double CanonicalDoubleNaN
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);
    }

    // Plain IL arithmetic is not enough: RyuJIT rewrites x - 0, x + -0, x * 1 and x / 1 with a
    // constant operand to x, which returns a signalling NaN unquieted where Wasm requires an
    // arithmetic NaN (float_exprs.wast checks exactly this). The scalar SSE intrinsics compile to
    // the same single instruction but are not rewritten. Elsewhere the result's NaNs are quieted.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Add(float left, float right) =>
        Sse.IsSupported
            ? Sse.AddScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left + right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Sub(float left, float right) =>
        Sse.IsSupported
            ? Sse.SubtractScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left - right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Mul(float left, float right) =>
        Sse.IsSupported
            ? Sse.MultiplyScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left * right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Div(float left, float right) =>
        Sse.IsSupported
            ? Sse.DivideScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left / right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Add(double left, double right) =>
        Sse2.IsSupported
            ? Sse2.AddScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left + right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Sub(double left, double right) =>
        Sse2.IsSupported
            ? Sse2.SubtractScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left - right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Mul(double left, double right) =>
        Sse2.IsSupported
            ? Sse2.MultiplyScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left * right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Div(double left, double right) =>
        Sse2.IsSupported
            ? Sse2.DivideScalar(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar()
            : Quiet(left / right);

    /// <summary>Sets the quiet bit of a NaN, keeping its payload; other values pass unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Quiet(float value) =>
        float.IsNaN(value) ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) | 0x0040_0000) : value;

    /// <inheritdoc cref="Quiet(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Quiet(double value) =>
        double.IsNaN(value) ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) | 0x0008_0000_0000_0000) : value;

    // abs, neg and copysign are bit operations in Wasm: a NaN keeps its payload and signalling bit,
    // which arithmetic on the FPU would not guarantee.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Abs(float value) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & ~SingleSignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Neg(float value) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) ^ SingleSignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Copysign(float magnitude, float sign) =>
        BitConverter.Int32BitsToSingle(
            (BitConverter.SingleToInt32Bits(magnitude) & ~SingleSignMask) | (BitConverter.SingleToInt32Bits(sign) & SingleSignMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Abs(double value) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) & ~DoubleSignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Neg(double value) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) ^ DoubleSignMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Copysign(double magnitude, double sign) =>
        BitConverter.Int64BitsToDouble(
            (BitConverter.DoubleToInt64Bits(magnitude) & ~DoubleSignMask) | (BitConverter.DoubleToInt64Bits(sign) & DoubleSignMask));

    // Wasm min/max return a NaN when either operand is one (never the other operand, unlike
    // minss/maxss) and order -0 below +0. Equal operands differ only in the sign of zero, so
    // OR-ing (min) or AND-ing (max) their bits picks the right zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Min(float left, float right)
    {
        if (left < right)
        {
            return left;
        }

        if (right < left)
        {
            return right;
        }

        return left == right
            ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(left) | BitConverter.SingleToInt32Bits(right))
            : CanonicalSingleNaN;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Max(float left, float right)
    {
        if (left > right)
        {
            return left;
        }

        if (right > left)
        {
            return right;
        }

        return left == right
            ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(left) & BitConverter.SingleToInt32Bits(right))
            : CanonicalSingleNaN;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Min(double left, double right)
    {
        if (left < right)
        {
            return left;
        }

        if (right < left)
        {
            return right;
        }

        return left == right
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(left) | BitConverter.DoubleToInt64Bits(right))
            : CanonicalDoubleNaN;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Max(double left, double right)
    {
        if (left > right)
        {
            return left;
        }

        if (right > left)
        {
            return right;
        }

        return left == right
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(left) & BitConverter.DoubleToInt64Bits(right))
            : CanonicalDoubleNaN;
    }

    // The rounding functions may be implemented in managed code when SSE4.1 is missing, and that
    // code need not quiet a signalling NaN; Wasm requires an arithmetic (quiet) NaN result.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Ceil(float value) => float.IsNaN(value) ? CanonicalSingleNaN : MathF.Ceiling(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Floor(float value) => float.IsNaN(value) ? CanonicalSingleNaN : MathF.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Trunc(float value) => float.IsNaN(value) ? CanonicalSingleNaN : MathF.Truncate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Nearest(float value) =>
        float.IsNaN(value) ? CanonicalSingleNaN : MathF.Round(value, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Ceil(double value) => double.IsNaN(value) ? CanonicalDoubleNaN : Math.Ceiling(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Floor(double value) => double.IsNaN(value) ? CanonicalDoubleNaN : Math.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Trunc(double value) => double.IsNaN(value) ? CanonicalDoubleNaN : Math.Truncate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Nearest(double value) =>
        double.IsNaN(value) ? CanonicalDoubleNaN : Math.Round(value, MidpointRounding.ToEven);

    // sqrt is a single IEEE instruction (or libm call) on every .NET target, and IEEE 754 already
    // requires it to quiet a signalling NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32Sqrt(float value) => MathF.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Sqrt(double value) => Math.Sqrt(value);

    // le/ge must be false for unordered operands. IL has no cle/cge, and the obvious
    // "not cgt" is true for NaN; the C# operators compile to the unordered-aware sequence.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Le(float left, float right) => left <= right ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Ge(float left, float right) => left >= right ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Le(double left, double right) => left <= right ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Ge(double left, double right) => left >= right ? 1 : 0;
}
