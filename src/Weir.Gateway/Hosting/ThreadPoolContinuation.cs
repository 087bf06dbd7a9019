using System.Runtime.CompilerServices;

namespace Weir.Gateway.Hosting;

/// <summary>The awaitable of <see cref="IoThreads.LeaveAsync"/>: completed on thread-pool threads, queued to the pool elsewhere.</summary>
internal readonly struct ThreadPoolContinuation : ICriticalNotifyCompletion
{
    /// <summary>Socket I/O threads (and every other thread the pool did not start) are not pool threads.</summary>
    public bool IsCompleted => Thread.CurrentThread.IsThreadPoolThread;

    public ThreadPoolContinuation GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) =>
        ThreadPool.QueueUserWorkItem(static run => run(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) =>
        ThreadPool.UnsafeQueueUserWorkItem(static run => run(), continuation, preferLocal: false);
}
