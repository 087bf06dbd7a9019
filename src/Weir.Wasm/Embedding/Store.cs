using Weir.Wasm.Execution;

namespace Weir.Wasm;

/// <summary>
/// Owns instances and their memories, tables and globals, with the limits that apply to them: fuel,
/// a wall-clock deadline, memory and table sizes, stack depth. A store runs guest code on one
/// thread at a time; use one store per concurrent caller.
/// </summary>
public sealed class Store : IDisposable
{
    /// <summary>Creates a store.</summary>
    public Store(Engine engine, StoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        Limits = limits ?? StoreLimits.Default;
    }

    /// <summary>The engine the store's modules are compiled by.</summary>
    public Engine Engine { get; }

    /// <summary>The store's limits.</summary>
    public StoreLimits Limits { get; }

    /// <summary>Anything the host wants to reach from host functions through <see cref="Caller.Store"/>.</summary>
    public object? Data { get; set; }

    internal ExecutionState Execution { get; } = new();

    /// <summary>Fuel left (only meaningful when the engine meters fuel).</summary>
    public long Fuel => Execution.Fuel;

    /// <summary>Sets the fuel the guest may consume; guest code traps with <see cref="TrapCode.OutOfFuel"/> when it runs out.</summary>
    public void SetFuel(long fuel)
    {
        if (!Engine.Options.ConsumeFuel)
        {
            throw new InvalidOperationException("fuel needs an engine created with EngineOptions.ConsumeFuel");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        Execution.Fuel = fuel;
    }

    /// <summary>
    /// Guest code running in this store traps with <see cref="TrapCode.Deadline"/> once
    /// <paramref name="timeout"/> has passed from now (checked about every millisecond). Cheap enough
    /// to arm around every call; setting a new deadline replaces the previous one.
    /// </summary>
    public void SetDeadline(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        DeadlineScheduler.Arm(Execution, timeout);
    }

    /// <summary>Removes the deadline and clears a pending interruption.</summary>
    public void ClearDeadline() => DeadlineScheduler.Disarm(Execution);

    /// <summary>Stops guest code running in this store at its next function entry or loop iteration (from any thread).</summary>
    public void Interrupt() => Execution.Interrupt(TrapCode.Deadline);

    /// <summary>Called when host code starts guest code: sets the stack limit for the outermost call.</summary>
    internal void Enter()
    {
        var execution = Execution;
        if (execution.Depth++ == 0)
        {
            var limit = StackBounds.ComputeLimit(Limits.MaxStackBytes, execution.LargestFrameBytes);
            execution.ComputedStackLimit = limit;
            Volatile.Write(ref execution.StackLimit, limit);
        }

        // Read after the limit was written: an interruption racing with this entry is seen either
        // here or by the guest's first check, because the timer raises the limit after the flag.
        if (Volatile.Read(ref execution.Interrupted) != 0)
        {
            Volatile.Write(ref execution.StackLimit, nuint.MaxValue);
            execution.Depth--;
            throw new WasmTrapException(execution.InterruptReason);
        }
    }

    internal void Exit() => Execution.Depth--;

    /// <summary>Removes the store's deadline so the scheduler forgets it.</summary>
    public void Dispose() => DeadlineScheduler.Forget(Execution);
}
