namespace Weir.Cli.Workflow.Shared;

/// <summary>A failure the user can act on: printed as one line (no stack trace) with its exit code.</summary>
internal sealed class WorkflowException : Exception
{
    public WorkflowException()
        : this("the command failed")
    {
    }

    public WorkflowException(string message)
        : this(message, WorkflowExitCodes.Failure)
    {
    }

    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = WorkflowExitCodes.Failure;
    }

    public WorkflowException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>One of <see cref="WorkflowExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A usage problem (exit code 2).</summary>
    public static WorkflowException Usage(string message) => new(message, WorkflowExitCodes.Usage);

    /// <summary>A missing tool (exit code 3).</summary>
    public static WorkflowException MissingTool(string message) => new(message, WorkflowExitCodes.MissingTool);
}
