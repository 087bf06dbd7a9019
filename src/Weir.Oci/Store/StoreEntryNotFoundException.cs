namespace Weir.Oci.Store;

/// <summary>The local store holds no such reference or blob.</summary>
public sealed class StoreEntryNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreEntryNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreEntryNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StoreEntryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
