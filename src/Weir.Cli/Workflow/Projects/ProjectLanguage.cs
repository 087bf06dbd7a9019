namespace Weir.Cli.Workflow.Projects;

/// <summary>The languages <c>weir init</c> offers: only those whose build is tested here.</summary>
internal enum ProjectLanguage
{
    /// <summary>AssemblyScript 0.14 with @solo-io/proxy-runtime 0.1.8, built with node and npm.</summary>
    AssemblyScript,

    /// <summary>C with the project's own proxy_wasm.h, built with clang and wasi-libc.</summary>
    C,
}
