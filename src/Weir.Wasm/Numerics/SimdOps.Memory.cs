using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Weir.Wasm.Numerics;

// The compiler bounds-checks the effective address and passes a raw pointer. Wasm memory is
// little-endian and unaligned, so every access reads or writes unaligned; lane order in
// Vector128 matches memory order on the little-endian platforms .NET runs Wasm on.
internal static unsafe partial class SimdOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load(byte* address) => Unsafe.ReadUnaligned<Vector128<byte>>(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store(byte* address, Vector128<byte> value) => Unsafe.WriteUnaligned(address, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load8x8S(byte* address) => Vector128.WidenLower(LoadLow64(address).AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load8x8U(byte* address) => Vector128.WidenLower(LoadLow64(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load16x4S(byte* address) => Vector128.WidenLower(LoadLow64(address).AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load16x4U(byte* address) => Vector128.WidenLower(LoadLow64(address).AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load32x2S(byte* address) => Vector128.WidenLower(LoadLow64(address).AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load32x2U(byte* address) => Vector128.WidenLower(LoadLow64(address).AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load8Splat(byte* address) => Vector128.Create(*address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load16Splat(byte* address) => Vector128.Create(Unsafe.ReadUnaligned<ushort>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load32Splat(byte* address) => Vector128.Create(Unsafe.ReadUnaligned<uint>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load64Splat(byte* address) => Vector128.Create(Unsafe.ReadUnaligned<ulong>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load32Zero(byte* address) => Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load64Zero(byte* address) => LoadLow64(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load8Lane(byte* address, Vector128<byte> value, int lane) => value.WithElement(lane, *address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load16Lane(byte* address, Vector128<byte> value, int lane) =>
        value.AsUInt16().WithElement(lane, Unsafe.ReadUnaligned<ushort>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load32Lane(byte* address, Vector128<byte> value, int lane) =>
        value.AsUInt32().WithElement(lane, Unsafe.ReadUnaligned<uint>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> V128Load64Lane(byte* address, Vector128<byte> value, int lane) =>
        value.AsUInt64().WithElement(lane, Unsafe.ReadUnaligned<ulong>(address)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store8Lane(byte* address, Vector128<byte> value, int lane) => *address = value.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store16Lane(byte* address, Vector128<byte> value, int lane) =>
        Unsafe.WriteUnaligned(address, value.AsUInt16().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store32Lane(byte* address, Vector128<byte> value, int lane) =>
        Unsafe.WriteUnaligned(address, value.AsUInt32().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void V128Store64Lane(byte* address, Vector128<byte> value, int lane) =>
        Unsafe.WriteUnaligned(address, value.AsUInt64().GetElement(lane));

    /// <summary>Reads 8 bytes into the low half, zeroing the high half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LoadLow64(byte* address) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(address)).AsByte();
}
