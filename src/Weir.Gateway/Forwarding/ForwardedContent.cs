namespace Weir.Gateway.Forwarding;

/// <summary>A request body being streamed upstream, with what the forwarder needs to know about it.</summary>
internal abstract class ForwardedContent : HttpContent
{
    /// <summary>Whether sending began; an attempt whose body was (partly) sent cannot be retried.</summary>
    public bool Started { get; protected set; }

    public long BytesSent { get; protected set; }

    /// <summary>Set when reading the client's body failed (as opposed to writing to the upstream).</summary>
    public Exception? ClientFailure { get; protected set; }

    protected override bool TryComputeLength(out long length)
    {
        // Unknown up front: the Content-Length header, when the client sent one, is copied explicitly.
        length = 0;
        return false;
    }
}
