namespace Weir.Fuzz.Differential;

/// <summary>
/// Thrown by Weir's log-v128 import, because V8 refuses to pass a v128 to a JavaScript import
/// (a TypeError at the call); both engines then fail the call the same way.
/// </summary>
internal sealed class V128AtHostBoundaryException : Exception
{
    public V128AtHostBoundaryException()
        : base("a v128 cannot cross to the host (as in V8's JavaScript API)")
    {
    }

    public V128AtHostBoundaryException(string message)
        : base(message)
    {
    }

    public V128AtHostBoundaryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
