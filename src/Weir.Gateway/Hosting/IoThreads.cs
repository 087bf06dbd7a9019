namespace Weir.Gateway.Hosting;

/// <summary>
/// Where the gateway's code runs. Proxy listeners run requests inline on the socket I/O threads (Kestrel's
/// <c>UnsafePreferInlineScheduling</c>, and <c>weir proxy</c> also completes socket operations inline), which
/// saves a thread-pool hand-off per read and write. Code that may run long, a filter callback running guest
/// code up to its time limit, must first leave an I/O thread: otherwise one slow filter would stall every
/// connection that thread serves instead of only its own exchange.
/// </summary>
internal static class IoThreads
{
    /// <summary>
    /// Continues on a thread-pool thread: at once when already on one (always so unless socket completions
    /// run inline), otherwise after one hand-off.
    /// </summary>
    public static ThreadPoolContinuation LeaveAsync() => default;
}
