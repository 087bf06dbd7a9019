namespace Weir.Fuzz.Differential;

/// <summary>
/// What Weir's fuzzing-support imports throw where V8's JavaScript host fails with a TypeError: a
/// v128 crossing to or from the host, a call of something that is not a function, an export or
/// table index out of range. Both engines then report the call as a host failure.
/// </summary>
internal sealed class HostBoundaryException : Exception
{
    public HostBoundaryException()
        : base("the JavaScript host would refuse this")
    {
    }

    public HostBoundaryException(string message)
        : base(message)
    {
    }

    public HostBoundaryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
