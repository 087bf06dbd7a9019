namespace Weir.Cli.Workflow.Init;

/// <summary>What <c>weir init</c> was asked for, as typed (validated by <see cref="InitCommand.Run"/>).</summary>
internal sealed record InitRequest(string? Directory, string? Language, string? Name, bool Force, bool Json);
