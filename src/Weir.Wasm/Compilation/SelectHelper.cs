using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Weir.Wasm.Compilation;

/// <summary>Helpers for instructions that need no more than a line of C# but would need branches in IL.</summary>
internal static class SelectHelper
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Select<T>(T whenTrue, T whenFalse, int condition) => condition != 0 ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> VectorConstant(long low, long high) => Vector128.Create(low, high).AsByte();
}
