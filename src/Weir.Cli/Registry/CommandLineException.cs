namespace Weir.Cli.Registry;

/// <summary>A usage problem the user can fix; printed without a stack trace, exit code 2.</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException()
    {
    }

    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
