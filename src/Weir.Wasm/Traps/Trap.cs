using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Weir.Wasm;

/// <summary>Throws traps from compiled code and helpers; kept out of line so hot paths stay small.</summary>
internal static class Trap
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(TrapCode code) => throw new WasmTrapException(code);

    /// <summary>Same as <see cref="Throw(TrapCode)"/> but typed so it can stand where a value is expected.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(TrapCode code) => throw new WasmTrapException(code);
}
