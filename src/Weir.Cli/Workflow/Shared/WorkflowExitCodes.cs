namespace Weir.Cli.Workflow.Shared;

/// <summary>The exit codes of <c>weir init</c>, <c>build</c>, <c>deploy</c> and <c>up</c>, which scripts may rely on.</summary>
internal static class WorkflowExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The work failed: the toolchain reported errors, the module is invalid, a registry or a port refused.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the project is wrong: unknown option value, not a project, files in the way.</summary>
    public const int Usage = 2;

    /// <summary>A tool the build needs (node, npm, clang, wasm-ld, wasi-libc) is not installed.</summary>
    public const int MissingTool = 3;

    /// <summary>The text appended to every workflow command's description, so <c>--help</c> lists the codes.</summary>
    public const string HelpText =
        "Exit codes: 0 success; 1 failed (toolchain errors, invalid module, registry, network or port error; also a command line the parser rejects); " +
        "2 usage error (missing or unknown value, not a project, files in the way); 3 a required tool is missing.";
}
