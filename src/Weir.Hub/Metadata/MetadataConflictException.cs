namespace Weir.Hub.Metadata;

/// <summary>A name is already taken (a user and an organisation share one namespace).</summary>
internal sealed class MetadataConflictException : Exception
{
    public MetadataConflictException()
    {
    }

    public MetadataConflictException(string message)
        : base(message)
    {
    }

    public MetadataConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
