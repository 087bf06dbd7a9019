using System.Diagnostics.CodeAnalysis;

namespace Weir.Wasm;

/// <summary>
/// Throws traps from compiled code and helpers. Deliberately not marked NoInlining: RyuJIT then
/// sees that these methods always throw, treats their call sites as no-return cold blocks, and need
/// not keep values alive across them; that matters because every bounds check has such a call.
/// </summary>
internal static class Trap
{
    [DoesNotReturn]
    public static void Throw(TrapCode code) => throw new WasmTrapException(code);

    /// <summary>Same as <see cref="Throw(TrapCode)"/> but typed so it can stand where a value is expected.</summary>
    [DoesNotReturn]
    public static T Throw<T>(TrapCode code) => throw new WasmTrapException(code);
}
