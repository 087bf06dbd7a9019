namespace Weir.Cli.SpecTests;

/// <summary>A command cannot be carried out because of the script's state, such as an action on a module that failed to instantiate.</summary>
internal sealed class SpecRunException : Exception
{
    public SpecRunException(string message)
        : base(message)
    {
    }

    public SpecRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SpecRunException()
        : base("the command cannot run")
    {
    }
}
