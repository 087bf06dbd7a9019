using System.Collections.Concurrent;
using System.Diagnostics;

namespace Weir.Wasm.Execution;

/// <summary>
/// One background thread that interrupts stores whose deadline has passed, checking about every
/// millisecond while any deadline is armed. Arming a deadline is then a clock read and a field
/// write instead of a timer allocation, which matters for hosts (proxy-wasm) that bound every
/// callback with a deadline.
/// </summary>
internal static class DeadlineScheduler
{
    private static readonly ConcurrentDictionary<ExecutionState, byte> Armed = new();
    private static readonly AutoResetEvent Wakeup = new(false);
    private static readonly Lazy<Thread> Worker = new(StartWorker);

    public static void Arm(ExecutionState execution, TimeSpan timeout)
    {
        lock (execution.DeadlineLock)
        {
            execution.ClearInterrupt();
            execution.DeadlineTimestamp = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        }

        if (Armed.TryAdd(execution, 0))
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

        Armed.TryRemove(execution, out _);
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Weir.Wasm deadlines" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        while (true)
        {
            if (Armed.IsEmpty)
            {
                Wakeup.WaitOne();
                continue;
            }

            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            foreach (var execution in Armed.Keys)
            {
                lock (execution.DeadlineLock)
                {
                    // Checked under the lock so that a deadline re-armed or cleared meanwhile never
                    // receives a stale interruption.
                    if (execution.DeadlineTimestamp == 0 || now < execution.DeadlineTimestamp)
                    {
                        continue;
                    }

                    execution.DeadlineTimestamp = 0;
                    execution.Interrupt(TrapCode.Deadline);
                }

                Armed.TryRemove(execution, out _);
            }
        }
    }
}
