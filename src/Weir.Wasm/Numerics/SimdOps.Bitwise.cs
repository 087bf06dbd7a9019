using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Numerics;

internal static partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Not(Vector128<byte> value) => ~value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128And(Vector128<byte> left, Vector128<byte> right) => left & right;

    /// <summary>left AND NOT right, which is also what <see cref="Vector128.AndNot{T}"/> computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128AndNot(Vector128<byte> left, Vector128<byte> right) => Vector128.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Or(Vector128<byte> left, Vector128<byte> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Xor(Vector128<byte> left, Vector128<byte> right) => left ^ right;

    /// <summary>Bits of <paramref name="whenSet"/> where <paramref name="selector"/> is 1, else of <paramref name="whenClear"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Bitselect(Vector128<byte> whenSet, Vector128<byte> whenClear, Vector128<byte> selector) =>
        Vector128.ConditionalSelect(selector, whenSet, whenClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int V128AnyTrue(Vector128<byte> value) => value != Vector128<byte>.Zero ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16AllTrue(Vector128<byte> value) => Vector128.EqualsAny(value, Vector128<byte>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8AllTrue(Vector128<byte> value) => Vector128.EqualsAny(value.AsUInt16(), Vector128<ushort>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4AllTrue(Vector128<byte> value) => Vector128.EqualsAny(value.AsUInt32(), Vector128<uint>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64x2AllTrue(Vector128<byte> value) => Vector128.EqualsAny(value.AsUInt64(), Vector128<ulong>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I8x16Bitmask(Vector128<byte> value) => (int)Vector128.ExtractMostSignificantBits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I16x8Bitmask(Vector128<byte> value) => (int)Vector128.ExtractMostSignificantBits(value.AsUInt16());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32x4Bitmask(Vector128<byte> value) => (int)Vector128.ExtractMostSignificantBits(value.AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64x2Bitmask(Vector128<byte> value) => (int)Vector128.ExtractMostSignificantBits(value.AsUInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> I8x16Popcnt(Vector128<byte> value)
    {
        // Count each nibble through a 16-entry table, then add the two halves of every byte.
        var table = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var nibbleMask = Vector128.Create((byte)0x0F);
        var low = value & nibbleMask;
        var high = Vector128.ShiftRightLogical(value.AsUInt16(), 4).AsByte() & nibbleMask;
        return LookUpNibbles(table, low) + LookUpNibbles(table, high);
    }

    /// <summary>Looks up 16-entry tables with indices already known to be below 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LookUpNibbles(Vector128<byte> table, Vector128<byte> indices) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(table, indices) : Vector128.Shuffle(table, indices);
}
