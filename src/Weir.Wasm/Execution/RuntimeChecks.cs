using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Weir.Wasm.Execution;

/// <summary>Checks compiled into every function entry and loop header; inlined by RyuJIT.</summary>
internal static class RuntimeChecks
{
    /// <summary>One comparison covers both stack exhaustion and interruption (see <see cref="ExecutionState.StackLimit"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckStack(nuint stackPointer, ExecutionState execution)
    {
        // Volatile so the JIT cannot hoist the load out of a loop and miss an interruption.
        if (stackPointer < Volatile.Read(ref execution.StackLimit))
        {
            RaiseStackOrInterrupt(stackPointer, execution);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ConsumeFuel(ExecutionState execution)
    {
        if (--execution.Fuel < 0)
        {
            Trap.Throw(TrapCode.OutOfFuel);
        }
    }

    [DoesNotReturn]
    private static void RaiseStackOrInterrupt(nuint stackPointer, ExecutionState execution)
    {
        // Below the real limit: the stack ran out. Otherwise the limit was raised by an interruption
        // (which may have been cleared since; it did happen, so report it).
        throw new WasmTrapException(stackPointer < execution.ComputedStackLimit ? TrapCode.StackExhausted : execution.InterruptReason);
    }
}
