namespace Weir.Oci.Content;

/// <summary>Content did not hash to the digest it was expected to have; nothing was stored.</summary>
public sealed class DigestMismatchException : Exception
{
    /// <summary>Creates the exception for content that should have had <paramref name="expected"/> but has <paramref name="actual"/>.</summary>
    public DigestMismatchException(Digest expected, Digest actual)
        : base($"Content digest mismatch: expected {expected}, got {actual}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DigestMismatchException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DigestMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DigestMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The digest the content was supposed to have.</summary>
    public Digest? Expected { get; }

    /// <summary>The digest of the content actually received.</summary>
    public Digest? Actual { get; }
}
