namespace Weir.Cli.Workflow.Deploy;

/// <summary>What <c>weir deploy</c> was asked for, as typed (validated by <see cref="DeployCommand.RunAsync"/>).</summary>
internal sealed record DeployRequest(
    string? Target,
    string? Reference,
    string? Upstream,
    string? Configuration,
    string? ConfigurationFile,
    string? RootId,
    string? Name,
    string? Listen,
    string? Code,
    string? ModuleFile,
    string? Namespace,
    IReadOnlyList<string> Selectors,
    string? Phase,
    string? Output,
    bool Json,
    bool PlainHttp);
