using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

internal static partial class ScalarOps
{
    // Range limits as doubles: every f32 and f64 operand converts to double exactly, and each limit
    // is exactly representable, so one pair of comparisons decides the range. The comparisons are
    // written so that NaN fails them.
    private const double Int32LowerExclusive = -2147483649.0;
    private const double Int32UpperExclusive = 2147483648.0;
    private const double UInt32UpperExclusive = 4294967296.0;
    private const double Int64LowerInclusive = -9223372036854775808.0;
    private const double Int64UpperExclusive = 9223372036854775808.0;
    private const double UInt64UpperExclusive = 18446744073709551616.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32S(float value) => I32TruncF64S(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32U(float value) => I32TruncF64U(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32S(float value) => I64TruncF64S(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32U(float value) => I64TruncF64U(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64S(double value)
    {
        if (!(value > Int32LowerExclusive && value < Int32UpperExclusive))
        {
            return ConversionTrap<int>(value);
        }

        return (int)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64U(double value)
    {
        if (!(value > -1.0 && value < UInt32UpperExclusive))
        {
            return ConversionTrap<int>(value);
        }

        return (int)(uint)(long)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64S(double value)
    {
        if (!(value >= Int64LowerInclusive && value < Int64UpperExclusive))
        {
            return ConversionTrap<long>(value);
        }

        return (long)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64U(double value)
    {
        if (!(value > -1.0 && value < UInt64UpperExclusive))
        {
            return ConversionTrap<long>(value);
        }

        return (long)TruncateToUInt64(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32S(float value) => I32TruncSatF64S(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32U(float value) => I32TruncSatF64U(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32S(float value) => I64TruncSatF64S(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32U(float value) => I64TruncSatF64U(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64S(double value)
    {
        if (value > Int32LowerExclusive && value < Int32UpperExclusive)
        {
            return (int)value;
        }

        if (double.IsNaN(value))
        {
            return 0;
        }

        return value < 0 ? int.MinValue : int.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64U(double value)
    {
        if (value > -1.0 && value < UInt32UpperExclusive)
        {
            return (int)(uint)(long)value;
        }

        // NaN and everything at or below -1 give 0.
        return value >= UInt32UpperExclusive ? -1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64S(double value)
    {
        if (value >= Int64LowerInclusive && value < Int64UpperExclusive)
        {
            return (long)value;
        }

        if (double.IsNaN(value))
        {
            return 0;
        }

        return value < 0 ? long.MinValue : long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64U(double value)
    {
        if (value > -1.0 && value < UInt64UpperExclusive)
        {
            return (long)TruncateToUInt64(value);
        }

        return value >= UInt64UpperExclusive ? -1L : 0L;
    }

    /// <summary>
    /// Traps for an operand outside the target's range. The spec (and its test suite) tells the
    /// two causes apart: NaN is an invalid conversion, any other value an integer overflow.
    /// </summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ConversionTrap<T>(double value) =>
        Trap.Throw<T>(double.IsNaN(value) ? TrapCode.InvalidConversionToInteger : TrapCode.IntegerOverflow);

    /// <summary>Truncates a value already known to lie in (-1, 2^64).</summary>
    /// <remarks>
    /// Done through signed conversions because double-to-ulong has had platform-specific results
    /// above 2^63; subtracting 2^63 there is exact since the operand and 2^63 share a binade.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TruncateToUInt64(double value) =>
        value < Int64UpperExclusive
            ? (ulong)(long)value
            : (ulong)(long)(value - Int64UpperExclusive) | 0x8000_0000_0000_0000UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI32U(int value) => (float)(double)(uint)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64S(long value)
    {
        // Rounding is symmetric under round-to-nearest-even, so round the magnitude. MinValue
        // negates to itself, whose unsigned reading is the right magnitude 2^63.
        return value < 0 ? -UInt64ToSingle((ulong)-value) : UInt64ToSingle((ulong)value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64U(long value) => UInt64ToSingle((ulong)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI32U(int value) => (uint)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64U(long value)
    {
        if (value >= 0)
        {
            return value;
        }

        // Above 2^63 a double keeps 53 of the 64 bits, so bit 0 only matters as a sticky bit for
        // rounding: folding it into bit 1 and halving loses nothing, and the signed conversion
        // then rounds exactly once.
        var unsigned = (ulong)value;
        var halved = (long)((unsigned >> 1) | (unsigned & 1));
        return halved * 2.0;
    }

    /// <summary>Converts with a single rounding to nearest-even, never through an inexact double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float UInt64ToSingle(ulong value)
    {
        if (value < 1UL << 53)
        {
            // Exact as a double, so the only rounding is double to float.
            return (float)(double)(long)value;
        }

        // At 2^53 and above the float's rounding bit is bit 29 or higher: bits 0..10 only count
        // as "something below", so they fold into one sticky bit and the rest fits a double exactly.
        var folded = (long)((value >> 11) | ((value & 0x7FF) != 0 ? 1UL : 0UL));
        return (float)(folded * 2048.0);
    }

    // RyuJIT folds (float)(double)x to x, which would let demote(promote(x)) return a signalling
    // NaN unquieted; the SSE conversions are the same instructions but are not folded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32DemoteF64(double value) =>
        Sse2.IsSupported
            ? Sse2.ConvertScalarToVector128Single(Vector128<float>.Zero, Vector128.CreateScalarUnsafe(value)).ToScalar()
            : DemoteOutOfLine(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64PromoteF32(float value) =>
        Sse2.IsSupported
            ? Sse2.ConvertScalarToVector128Double(Vector128<double>.Zero, Vector128.CreateScalarUnsafe(value)).ToScalar()
            : PromoteOutOfLine(value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float DemoteOutOfLine(double value) => (float)value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double PromoteOutOfLine(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32ReinterpretF32(float value) => BitConverter.SingleToInt32Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64ReinterpretF64(double value) => BitConverter.DoubleToInt64Bits(value);

    // Through a vector rather than BitConverter: the x64 JIT of .NET 10 turns the reinterpretation of
    // a one- or two-byte load into a four-byte load (dotnet/runtime#133580), so f32.reinterpret_i32
    // of i32.load8_u read up to three bytes past the bounds-checked access, beyond the end of linear
    // memory at its edge. Found by the differential fuzzer (fuzz/README.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ReinterpretI32(int value) => Vector128.CreateScalarUnsafe(value).AsSingle().ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ReinterpretI64(long value) => BitConverter.Int64BitsToDouble(value);
}
