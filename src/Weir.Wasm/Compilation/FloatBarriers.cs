using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weir.Wasm.Compilation;

/// <summary>
/// Keeps RyuJIT from applying float identities that IEEE allows but Wasm forbids: it folds
/// promote-then-demote to nothing, x - 0.0, x * 1.0 and x / 1.0 to x, all of which lose the quieting (or the payload) of signalling NaNs that the
/// spec requires to be observable.
/// </summary>
internal static class FloatBarriers
{
    // Mutable on purpose: a static the JIT cannot treat as a constant hides identity operands.
    public static float SingleZero;
    public static float SingleNegativeZero = -0.0f;
    public static float SingleOne = 1.0f;
    public static float SingleNegativeOne = -1.0f;
    public static double DoubleZero;
    public static double DoubleNegativeZero = -0.0;
    public static double DoubleOne = 1.0;
    public static double DoubleNegativeOne = -1.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Promote(float value) => Sse2.IsSupported
        ? Sse2.ConvertScalarToVector128Double(Vector128<double>.Zero, Vector128.CreateScalarUnsafe(value)).ToScalar()
        : PromoteOutOfLine(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Demote(double value) => Sse2.IsSupported
        ? Sse2.ConvertScalarToVector128Single(Vector128<float>.Zero, Vector128.CreateScalarUnsafe(value)).ToScalar()
        : DemoteOutOfLine(value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double PromoteOutOfLine(float value) => value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float DemoteOutOfLine(double value) => (float)value;
}
