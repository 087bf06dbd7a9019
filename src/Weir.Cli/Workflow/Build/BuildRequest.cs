namespace Weir.Cli.Workflow.Build;

/// <summary>What <c>weir build</c> was asked for, as typed.</summary>
/// <param name="Directory">The project directory (the current one when null).</param>
/// <param name="Tag">The reference to store the packaged module under, or null to build and check only.</param>
/// <param name="Format">The OCI format to package in (solo when null).</param>
/// <param name="RootIds">Root ids given with <c>--root-id</c>; they replace the detected ones.</param>
/// <param name="Json">Print the result as JSON.</param>
internal sealed record BuildRequest(string? Directory, string? Tag, string? Format, IReadOnlyList<string> RootIds, bool Json);
