namespace Weir.Wasi.Tests.Support;

/// <summary>Runs a program under Node's WASI through tests/wasi-programs/run-node.mjs.</summary>
internal static class NodeRunner
{
    public static ProgramResult Run(ProgramInvocation invocation) =>
        ProcessRunner.Run(
            NodeRuntime.Require(),
            ["--no-warnings", Path.Combine(Repository.ProgramsDirectory, "run-node.mjs"), .. invocation.CommandLine()],
            invocation.Stdin);
}
