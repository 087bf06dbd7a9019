namespace Weir.Cli.Workflow.Build;

/// <summary>One program the build runs in the project directory.</summary>
/// <param name="Executable">The program's full path.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Shown">How the step reads in the progress output (e.g. <c>npm run build</c>).</param>
internal sealed record ToolchainStep(string Executable, IReadOnlyList<string> Arguments, string Shown);
