namespace Weir.Fuzz.Differential;

/// <summary>
/// Thrown by Weir's fuzzing-support imports when a call made more host-initiated calls
/// (call-export, call-ref) than <see cref="FuzzingSupport.HostCallsPerCall"/>; v8-harness.js throws
/// its own counterpart at the same count. Unlike a guest failure, no host catch stops it: it ends
/// the whole call in both engines.
/// </summary>
internal sealed class HostCallBudgetException : Exception
{
    public HostCallBudgetException()
        : base($"more than {FuzzingSupport.HostCallsPerCall} calls from the host in one call")
    {
    }

    public HostCallBudgetException(string message)
        : base(message)
    {
    }

    public HostCallBudgetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
