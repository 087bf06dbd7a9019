using Weir.Cli.Workflow.Projects;
using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Cli.Workflow.Build;

/// <summary>What <c>weir build</c> produced, for its summary and its JSON.</summary>
internal sealed record BuildResult(
    FilterProject Project,
    string ShownModule,
    long ModuleSize,
    PackagedModule Package,
    string AbiVersion,
    IReadOnlyList<string> RootIds,
    string? RootIdSource,
    Reference? Reference,
    bool CheckedWithConfiguration);
