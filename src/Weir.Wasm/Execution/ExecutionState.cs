namespace Weir.Wasm.Execution;

/// <summary>
/// The per-store state that compiled code reads on every function entry and loop header. A store
/// runs on one thread at a time, so plain fields suffice, except that another thread (a deadline
/// timer or the host) may interrupt it.
/// </summary>
internal sealed class ExecutionState
{
    /// <summary>
    /// Compiled code traps when the stack pointer is below this address. Interrupting the store
    /// raises it to the top of the address space, so the one comparison every function entry and
    /// loop header already makes also notices deadlines, as in wasmtime.
    /// </summary>
    public nuint StackLimit;

    /// <summary>The real stack limit, restored when an interruption is cleared.</summary>
    public nuint ComputedStackLimit;

    /// <summary>Fuel left; compiled code traps when it goes negative (only when the engine meters fuel).</summary>
    public long Fuel = long.MaxValue;

    /// <summary>Non-zero once the deadline passed or the host interrupted the store.</summary>
    public int Interrupted;

    /// <summary>How many host-to-guest calls are active on this store (re-entrancy through host functions).</summary>
    public int Depth;

    /// <summary>The largest native frame of the modules instantiated in the store (kept clear below the stack limit).</summary>
    public long LargestFrameBytes;

    /// <summary>Why <see cref="Interrupted"/> was set.</summary>
    public TrapCode InterruptReason = TrapCode.Deadline;

    /// <summary>When the deadline passes (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or 0 when none is armed.</summary>
    public long DeadlineTimestamp;

    /// <summary>When the deadline was last armed (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long DeadlineArmedTimestamp;

    /// <summary>Whether the deadline thread watches this store (guarded by <see cref="DeadlineLock"/>).</summary>
    public bool DeadlineRegistered;

    /// <summary>Serializes arming, clearing and firing of the deadline.</summary>
    public readonly Lock DeadlineLock = new();

    public void Interrupt(TrapCode reason)
    {
        InterruptReason = reason;
        Volatile.Write(ref Interrupted, 1);
        Volatile.Write(ref StackLimit, nuint.MaxValue);
    }

    public void ClearInterrupt()
    {
        Volatile.Write(ref Interrupted, 0);
        Volatile.Write(ref StackLimit, ComputedStackLimit);
    }
}
