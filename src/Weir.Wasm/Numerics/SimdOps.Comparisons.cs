using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Weir.Wasm.Numerics;

// Lane comparisons give all ones for true and all zeros for false, as the Vector128 comparisons
// do. Float "ne" is the complement of "eq" so that it is true for NaN lanes; the other float
// comparisons are ordered and false for NaN, as Wasm requires.
internal static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Eq(Vector128<byte> left, Vector128<byte> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Ne(Vector128<byte> left, Vector128<byte> right) => ~Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16LtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16LtU(Vector128<byte> left, Vector128<byte> right) => Vector128.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16GtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16GtU(Vector128<byte> left, Vector128<byte> right) => Vector128.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16LeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16LeU(Vector128<byte> left, Vector128<byte> right) => Vector128.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16GeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsSByte(), right.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16GeU(Vector128<byte> left, Vector128<byte> right) => Vector128.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Eq(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Equals(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8Ne(Vector128<byte> left, Vector128<byte> right) =>
        (~Vector128.Equals(left.AsUInt16(), right.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8LtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8LtU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8GtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8GtU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8LeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8LeU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8GeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsInt16(), right.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I16x8GeU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsUInt16(), right.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Eq(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Equals(left.AsUInt32(), right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4Ne(Vector128<byte> left, Vector128<byte> right) =>
        (~Vector128.Equals(left.AsUInt32(), right.AsUInt32())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4LtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsInt32(), right.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4LtU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsUInt32(), right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4GtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsInt32(), right.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4GtU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsUInt32(), right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4LeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsInt32(), right.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4LeU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsUInt32(), right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4GeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsInt32(), right.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I32x4GeU(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsUInt32(), right.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Eq(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Equals(left.AsInt64(), right.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2Ne(Vector128<byte> left, Vector128<byte> right) =>
        (~Vector128.Equals(left.AsInt64(), right.AsInt64())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2LtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsInt64(), right.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2GtS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsInt64(), right.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2LeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsInt64(), right.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I64x2GeS(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsInt64(), right.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Eq(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Equals(left.AsSingle(), right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Ne(Vector128<byte> left, Vector128<byte> right) =>
        (~Vector128.Equals(left.AsSingle(), right.AsSingle())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Lt(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsSingle(), right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Gt(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsSingle(), right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Le(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsSingle(), right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F32x4Ge(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsSingle(), right.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Eq(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.Equals(left.AsDouble(), right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Ne(Vector128<byte> left, Vector128<byte> right) =>
        (~Vector128.Equals(left.AsDouble(), right.AsDouble())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Lt(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThan(left.AsDouble(), right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Gt(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThan(left.AsDouble(), right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Le(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.LessThanOrEqual(left.AsDouble(), right.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> F64x2Ge(Vector128<byte> left, Vector128<byte> right) =>
        Vector128.GreaterThanOrEqual(left.AsDouble(), right.AsDouble()).AsByte();
}
