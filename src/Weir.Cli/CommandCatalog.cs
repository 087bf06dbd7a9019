using System.CommandLine;

namespace Weir.Cli;

/// <summary>Every subcommand of <c>weir</c>, one line each, so each feature folder owns its command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Run.RunCommand.Create();
        yield return SpecTests.SpecTestCommand.Create();
        yield return Hub.HubCommand.Create();
        yield return Registry.PushCommand.Create();
        yield return Registry.PullCommand.Create();
        yield return Registry.TagCommand.Create();
        yield return Registry.ListCommand.Create();
        yield return Registry.LoginCommand.Create();
        yield return Registry.InspectCommand.Create();
        yield return Proxy.ProxyCommand.Create();
        yield return Workflow.Init.InitCommand.Create();
        yield return Workflow.Build.BuildCommand.Create();
        yield return Workflow.Deploy.DeployCommand.Create();
        yield return Workflow.Up.UpCommand.Create();
        yield return Workflow.Completion.CompletionCommand.Create();
    }
}
