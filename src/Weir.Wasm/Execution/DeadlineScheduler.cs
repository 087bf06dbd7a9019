using System.Diagnostics;

namespace Weir.Wasm.Execution;

/// <summary>
/// One background thread that interrupts stores whose deadline has passed, checking about every
/// millisecond. Hosts such as proxy-wasm bound every callback with a deadline, thousands of times a
/// second, so arming and clearing must cost next to nothing: a store registers once, after which
/// arming is a clock read and a field write under the store's own lock, and clearing is a field write.
/// </summary>
/// <remarks>
/// The thread keeps ticking while deadlines are armed and for <see cref="Linger"/> after it last saw
/// one, then parks until the next arming wakes it. A steady stream of short callbacks thus costs
/// about one wake-up per linger period instead of one per callback: the callbacks finish between two
/// ticks, so the thread rarely even sees them armed.
/// </remarks>
internal static class DeadlineScheduler
{
    /// <summary>How long the thread keeps ticking after it last saw an armed deadline.</summary>
    internal static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    /// <summary>A store whose deadline stayed cleared this long is forgotten (it registers again when armed).</summary>
    internal static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(10);

    private static readonly long LingerTicks = (long)(Linger.TotalSeconds * Stopwatch.Frequency);
    private static readonly long ForgetTicks = (long)(ForgetAfter.TotalSeconds * Stopwatch.Frequency);
    private static readonly Lock RegistryLock = new();
    private static readonly AutoResetEvent Wakeup = new(false);
    private static readonly Lazy<Thread> Worker = new(StartWorker);

    // Replaced, never mutated, so the thread walks it without a lock.
    private static ExecutionState[] _registered = [];

    // 1 while the thread waits on Wakeup (or has not started); whoever swaps it to 0 must set Wakeup.
    private static int _parked = 1;

    /// <summary>The stores the thread watches now (for tests).</summary>
    internal static int RegisteredCount => Volatile.Read(ref _registered).Length;

    /// <summary>Whether the thread is parked (for tests).</summary>
    internal static bool IsParked => Volatile.Read(ref _parked) != 0;

    public static void Arm(ExecutionState execution, TimeSpan timeout)
    {
        var now = Stopwatch.GetTimestamp();
        lock (execution.DeadlineLock)
        {
            execution.ClearInterrupt();
            execution.DeadlineTimestamp = now + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            execution.DeadlineArmedTimestamp = now;
            if (!execution.DeadlineRegistered)
            {
                Register(execution);
            }
        }

        // Pairs with the barrier in Park: either this sees the thread parked and wakes it, or the
        // thread's last look sees this deadline armed and keeps ticking.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _parked) != 0 && Interlocked.Exchange(ref _parked, 0) != 0)
        {
            _ = Worker.Value;
            Wakeup.Set();
        }
    }

    public static void Disarm(ExecutionState execution)
    {
        lock (execution.DeadlineLock)
        {
            execution.DeadlineTimestamp = 0;
            execution.ClearInterrupt();
        }
    }

    /// <summary>Clears the deadline and stops watching the store (it is being disposed).</summary>
    public static void Forget(ExecutionState execution)
    {
        lock (execution.DeadlineLock)
        {
            execution.DeadlineTimestamp = 0;
            execution.ClearInterrupt();
            if (execution.DeadlineRegistered)
            {
                Unregister(execution);
            }
        }
    }

    // Callers hold the execution's DeadlineLock (always taken before RegistryLock).
    private static void Register(ExecutionState execution)
    {
        lock (RegistryLock)
        {
            var current = _registered;
            var next = new ExecutionState[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = execution;
            Volatile.Write(ref _registered, next);
            execution.DeadlineRegistered = true;
        }
    }

    private static void Unregister(ExecutionState execution)
    {
        lock (RegistryLock)
        {
            var current = _registered;
            var index = Array.IndexOf(current, execution);
            if (index >= 0)
            {
                var next = new ExecutionState[current.Length - 1];
                Array.Copy(current, 0, next, 0, index);
                Array.Copy(current, index + 1, next, index, current.Length - index - 1);
                Volatile.Write(ref _registered, next);
            }

            execution.DeadlineRegistered = false;
        }
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Weir.Wasm deadlines" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        // Started by the first Arm, which sets Wakeup once it has cleared the parked flag.
        Wakeup.WaitOne();
        var lastSeenArmed = Stopwatch.GetTimestamp();
        while (true)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            if (Tick(now))
            {
                lastSeenArmed = now;
            }
            else if (now - lastSeenArmed > LingerTicks)
            {
                Park();
                lastSeenArmed = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Interrupts the stores whose deadline passed and forgets long-idle ones; whether any deadline is armed.</summary>
    private static bool Tick(long now)
    {
        var anyArmed = false;
        foreach (var execution in Volatile.Read(ref _registered))
        {
            var deadline = Volatile.Read(ref execution.DeadlineTimestamp);
            if (deadline == 0)
            {
                if (now - Volatile.Read(ref execution.DeadlineArmedTimestamp) > ForgetTicks)
                {
                    lock (execution.DeadlineLock)
                    {
                        if (execution.DeadlineTimestamp == 0 && execution.DeadlineRegistered && now - execution.DeadlineArmedTimestamp > ForgetTicks)
                        {
                            Unregister(execution);
                        }
                    }
                }

                continue;
            }

            anyArmed = true;
            if (now < deadline)
            {
                continue;
            }

            lock (execution.DeadlineLock)
            {
                // Checked again under the lock so that a deadline re-armed or cleared meanwhile never
                // receives a stale interruption.
                if (execution.DeadlineTimestamp != 0 && now >= execution.DeadlineTimestamp)
                {
                    execution.DeadlineTimestamp = 0;
                    execution.Interrupt(TrapCode.Deadline);
                }
            }
        }

        return anyArmed;
    }

    private static void Park()
    {
        Volatile.Write(ref _parked, 1);
        Interlocked.MemoryBarrier();
        foreach (var execution in Volatile.Read(ref _registered))
        {
            if (Volatile.Read(ref execution.DeadlineTimestamp) != 0)
            {
                // Armed before we announced parking (its Arm may not have seen the flag): keep ticking,
                // unless an Arm already took the flag back, in which case its Set must be consumed.
                if (Interlocked.Exchange(ref _parked, 0) == 0)
                {
                    Wakeup.WaitOne();
                }

                return;
            }
        }

        Wakeup.WaitOne();
    }
}
