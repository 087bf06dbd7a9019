namespace Weir.Wasm.Execution;

/// <summary>
/// The per-store state that compiled code reads on every function entry and loop header. A store
/// runs on one thread at a time, so plain fields suffice except for the interrupt flag, which
/// another thread (a deadline timer or the host) sets.
/// </summary>
internal sealed class ExecutionState
{
    /// <summary>Compiled code traps when the stack pointer goes below this address.</summary>
    public nuint StackLimit;

    /// <summary>Fuel left; compiled code traps when it goes negative (only when the engine meters fuel).</summary>
    public long Fuel = long.MaxValue;

    /// <summary>Non-zero once the deadline passed or the host interrupted the store.</summary>
    public int Interrupted;

    /// <summary>How many host-to-guest calls are active on this store (re-entrancy through host functions).</summary>
    public int Depth;

    /// <summary>Why <see cref="Interrupted"/> was set.</summary>
    public TrapCode InterruptReason = TrapCode.Deadline;
}
