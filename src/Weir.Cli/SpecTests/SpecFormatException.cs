namespace Weir.Cli.SpecTests;

/// <summary>A wast2json script or one of its commands is not in the expected shape.</summary>
internal sealed class SpecFormatException : Exception
{
    public SpecFormatException(string message)
        : base(message)
    {
    }

    public SpecFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SpecFormatException()
        : base("malformed spec script")
    {
    }
}
