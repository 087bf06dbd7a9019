using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

/// <summary>
/// The exact WebAssembly semantics of the 128-bit SIMD instructions. A v128 is always a
/// <see cref="Vector128{T}"/> of bytes in signatures (reinterpreting is free); i8, i16 and i32 lanes
/// travel as <see cref="int"/>, i64 as <see cref="long"/>. Parameters are the operands in stack order,
/// then the immediate (lane index or shuffle mask) last. The compiler finds each method by the name
/// of its <see cref="Instructions.Opcode"/> member and emits a call that RyuJIT inlines.
/// </summary>
/// <remarks>
/// Hardware intrinsics are used only where they compute exactly the Wasm result; every other path
/// goes through the cross-platform <see cref="Vector128"/> API or per-lane scalar code.
/// </remarks>
internal static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Shuffle(Vector128<byte> left, Vector128<byte> right, Vector128<byte> mask)
    {
        // Validation guarantees mask lanes below 32: 0..15 pick from left, 16..31 from right.
        if (Ssse3.IsSupported)
        {
            // pshufb zeroes a lane whose index has bit 7 set and otherwise uses the low nibble.
            var fromLeft = Ssse3.Shuffle(left, Sse2.AddSaturate(mask, Vector128.Create((byte)0x70)));
            var fromRight = Ssse3.Shuffle(right, Sse2.Subtract(mask, Vector128.Create((byte)16)));
            return Sse2.Or(fromLeft, fromRight);
        }

        // Vector128.Shuffle yields 0 for indices of 16 and above; mask - 16 wraps left's indices there.
        return Vector128.Shuffle(left, mask) | Vector128.Shuffle(right, mask - Vector128.Create((byte)16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Swizzle(Vector128<byte> value, Vector128<byte> indices)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Shuffle(value, Sse2.AddSaturate(indices, Vector128.Create((byte)0x70)));
        }

        return Vector128.Shuffle(value, indices);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Splat(int value) => Vector128.Create((byte)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Splat(int value) => Vector128.Create((ushort)value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Splat(int value) => Vector128.Create(value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Splat(long value) => Vector128.Create(value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Splat(float value) => Vector128.Create(value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Splat(double value) => Vector128.Create(value).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneS(Vector128<byte> value, int lane) => value.AsSByte().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16ExtractLaneU(Vector128<byte> value, int lane) => value.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneS(Vector128<byte> value, int lane) => value.AsInt16().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8ExtractLaneU(Vector128<byte> value, int lane) => value.AsUInt16().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4ExtractLane(Vector128<byte> value, int lane) => value.AsInt32().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64x2ExtractLane(Vector128<byte> value, int lane) => value.AsInt64().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32x4ExtractLane(Vector128<byte> value, int lane) => value.AsSingle().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64x2ExtractLane(Vector128<byte> value, int lane) => value.AsDouble().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16ReplaceLane(Vector128<byte> value, int replacement, int lane) =>
        value.WithElement(lane, (byte)replacement);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8ReplaceLane(Vector128<byte> value, int replacement, int lane) =>
        value.AsUInt16().WithElement(lane, (ushort)replacement).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4ReplaceLane(Vector128<byte> value, int replacement, int lane) =>
        value.AsInt32().WithElement(lane, replacement).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2ReplaceLane(Vector128<byte> value, long replacement, int lane) =>
        value.AsInt64().WithElement(lane, replacement).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4ReplaceLane(Vector128<byte> value, float replacement, int lane) =>
        value.AsSingle().WithElement(lane, replacement).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2ReplaceLane(Vector128<byte> value, double replacement, int lane) =>
        value.AsDouble().WithElement(lane, replacement).AsByte();
}
