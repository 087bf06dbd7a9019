using System.Runtime.CompilerServices;

namespace Weir.Wasm.Numerics;

/// <summary>
/// Materialises f32 constants whose bit pattern RyuJIT would otherwise alter. When the JIT folds a
/// float constant (ldc.r4, or ldc.i4 followed by <see cref="BitConverter.Int32BitsToSingle"/>) it
/// quiets a signalling NaN (dotnet/runtime#133719), so <c>f32.const nan:0x200000</c> would arrive
/// as 0x7FE00000. Compiled code can emit those rare constants as a call to
/// <see cref="SingleFromBits"/>, which the JIT cannot fold. f64 and v128 constants are not affected.
/// </summary>
internal static class FloatConstants
{
    /// <summary>True for the bit patterns that folding would change: NaNs with the quiet bit clear.</summary>
    public static bool IsSignallingNaN(int bits) => (bits & 0x7FC0_0000) == 0x7F80_0000 && (bits & 0x003F_FFFF) != 0;

    /// <summary>Reinterprets <paramref name="bits"/> as an f32, out of line so the JIT sees no constant.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float SingleFromBits(int bits) => BitConverter.Int32BitsToSingle(bits);
}
