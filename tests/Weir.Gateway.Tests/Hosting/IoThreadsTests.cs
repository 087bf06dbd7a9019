using Weir.Gateway.Hosting;

namespace Weir.Gateway.Tests.Hosting;

public sealed class IoThreadsTests
{
    [Fact]
    public async Task LeaveAsync_OnAThreadOutsideThePool_ContinuesOnAPoolThread()
    {
        var continuedOnPool = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => _ = ContinueAsync(continuedOnPool));

        thread.Start();

        (await continuedOnPool.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("a filter callback must not run on the thread that serves sockets");
    }

    [Fact]
    public async Task LeaveAsync_OnAPoolThread_CompletesWithoutAHandOff()
    {
        await Task.Run(() =>
        {
            var awaiter = IoThreads.LeaveAsync().GetAwaiter();

            awaiter.IsCompleted.Should().BeTrue("already on the pool, there is nothing to leave");
        });
    }

    private static async Task ContinueAsync(TaskCompletionSource<bool> result)
    {
        Thread.CurrentThread.IsThreadPoolThread.Should().BeFalse();
        await IoThreads.LeaveAsync();
        result.SetResult(Thread.CurrentThread.IsThreadPoolThread);
    }
}
