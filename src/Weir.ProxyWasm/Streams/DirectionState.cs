namespace Weir.ProxyWasm.Streams;

/// <summary>
/// One direction (request or response) of a filter stream: how far it got, the body bytes the
/// filter holds, the bytes to hand to the gateway, and the pending outcome while the filter is paused.
/// Mutated only under the VM's gate, except the body byte count.
/// </summary>
internal sealed class DirectionState : IDisposable
{
    public DirectionState(StreamDirection direction)
    {
        Direction = direction;
    }

    public StreamDirection Direction { get; }

    /// <summary>The headers callback has run (the header and trailer maps are available).</summary>
    public bool HeadersStarted { get; set; }

    /// <summary>The headers were let through (for the response: a local response is no longer possible).</summary>
    public bool HeadersContinued { get; set; }

    /// <summary>A body callback has run (the body buffer is available).</summary>
    public bool BodyStarted { get; set; }

    /// <summary>The end of this direction has been seen.</summary>
    public bool EndOfStream { get; set; }

    /// <summary>A callback of this direction is running: a resume queued now applies to its result.</summary>
    public bool InCallback { get; set; }

    /// <summary>The filter resumed this direction during its own callback.</summary>
    public bool ResumeRequested { get; set; }

    /// <summary>The filter resumed this direction while it was buffering: the held bytes go out with the next outcome.</summary>
    public bool Released { get; set; }

    /// <summary>Total body bytes seen.</summary>
    public long BodyBytes { get; set; }

    /// <summary>Body bytes the filter has seen but not let through (buffer 0 or 1 for the guest).</summary>
    public BodyBuffer Held { get; } = new();

    /// <summary>Body bytes handed to the gateway with the last outcome.</summary>
    public BodyBuffer Outgoing { get; } = new();

    /// <summary>The pending outcome is for the headers (so resuming lets the headers through).</summary>
    public bool WaitingOnHeaders { get; set; }

    /// <summary>The outcome a paused filter will give when it resumes, fails or answers.</summary>
    public TaskCompletionSource<FilterOutcome>? Waiter { get; set; }

    private bool OutgoingDelivered { get; set; }

    /// <summary>At the start of a call: forget what the gateway already got, and queue bytes the filter released in between.</summary>
    public void PrepareOutgoing()
    {
        if (OutgoingDelivered)
        {
            Outgoing.Clear();
            OutgoingDelivered = false;
        }

        if (Released)
        {
            Held.MoveTo(Outgoing);
            Released = false;
        }
    }

    /// <summary>Lets every held byte through.</summary>
    public ReadOnlyMemory<byte> ReleaseAll()
    {
        Held.MoveTo(Outgoing);
        return Deliver();
    }

    /// <summary>The outgoing bytes for an outcome; they stay valid until the next call of this direction.</summary>
    public ReadOnlyMemory<byte> Deliver()
    {
        OutgoingDelivered = true;
        return Outgoing.Memory;
    }

    public void Dispose()
    {
        Held.Dispose();
        Outgoing.Dispose();
    }
}
