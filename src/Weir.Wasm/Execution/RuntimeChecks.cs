using System.Runtime.CompilerServices;

namespace Weir.Wasm.Execution;

/// <summary>Checks compiled into every function entry and loop header; inlined by RyuJIT.</summary>
internal static class RuntimeChecks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tick(ExecutionState execution)
    {
        if (Volatile.Read(ref execution.Interrupted) != 0)
        {
            BulkOperations.RaiseInterrupt(execution);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TickWithFuel(ExecutionState execution)
    {
        if (--execution.Fuel < 0 || Volatile.Read(ref execution.Interrupted) != 0)
        {
            BulkOperations.RaiseInterrupt(execution);
        }
    }
}
