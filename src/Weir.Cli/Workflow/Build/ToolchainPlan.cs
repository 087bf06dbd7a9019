using Weir.Cli.Workflow.Projects;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Build;

/// <summary>
/// The programs that build a project, after checking that the tools are installed: for AssemblyScript
/// <c>npm ci</c> (only when the installed packages are missing or older than the lock file) and
/// <c>npm run build</c>; for C the project's <c>build.sh</c> (clang + wasi-libc).
/// </summary>
internal static class ToolchainPlan
{
    /// <exception cref="WorkflowException">A tool is missing (exit code 3) or the project lacks its build file (2).</exception>
    public static IReadOnlyList<ToolchainStep> For(FilterProject project) => project.Language switch
    {
        ProjectLanguage.AssemblyScript => AssemblyScript(project),
        ProjectLanguage.C => C(project),
        _ => throw new ArgumentOutOfRangeException(nameof(project), project.Language, null),
    };

    private static List<ToolchainStep> AssemblyScript(FilterProject project)
    {
        const string Install = "AssemblyScript filters build with Node.js (16 or later) and npm: install them (e.g. apt-get install -y nodejs npm, or https://nodejs.org), or start from the C template (weir init DIR --language c)";
        if (ExecutableLocator.Find("node") is null)
        {
            throw WorkflowException.MissingTool("node is not on PATH. " + Install);
        }

        var npm = ExecutableLocator.Find("npm") ?? throw WorkflowException.MissingTool("npm is not on PATH. " + Install);
        var packageJson = Path.Combine(project.Directory, "package.json");
        if (!File.Exists(packageJson))
        {
            throw WorkflowException.Usage($"{packageJson} is missing: an AssemblyScript project builds with its package.json 'build' script");
        }

        var steps = new List<ToolchainStep>();
        var lockFile = Path.Combine(project.Directory, "package-lock.json");
        var installed = Path.Combine(project.Directory, "node_modules", ".package-lock.json");
        if (!File.Exists(lockFile))
        {
            steps.Add(new ToolchainStep(npm, ["install", "--no-audit", "--no-fund"], "npm install --no-audit --no-fund"));
        }
        else if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile))
        {
            // npm ci installs exactly the locked versions, so a build never picks up a newer compiler by surprise.
            steps.Add(new ToolchainStep(npm, ["ci", "--no-audit", "--no-fund"], "npm ci --no-audit --no-fund"));
        }

        steps.Add(new ToolchainStep(npm, ["run", "build"], "npm run build"));
        return steps;
    }

    private static List<ToolchainStep> C(FilterProject project)
    {
        const string Install = "C filters build with clang, wasm-ld (lld) and wasi-libc: apt-get install -y clang lld wasi-libc";
        var compiler = Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc ? cc : "clang";
        if (ExecutableLocator.Find(compiler) is null)
        {
            var where = compiler.Contains('/', StringComparison.Ordinal) ? "does not exist" : "is not on PATH";
            throw WorkflowException.MissingTool($"{compiler} {where}. {Install} (or set CC to a clang that targets wasm32-wasi)");
        }

        if (ExecutableLocator.Find("wasm-ld") is null)
        {
            throw WorkflowException.MissingTool($"wasm-ld (the WebAssembly linker clang calls) is not on PATH. {Install}");
        }

        var sysroot = Environment.GetEnvironmentVariable("WASI_SYSROOT") is { Length: > 0 } configured ? configured : "/usr";
        if (!HasWasiLibc(sysroot))
        {
            throw WorkflowException.MissingTool($"wasi-libc is not installed under {sysroot} (no include/wasm32-wasi). {Install}, or set WASI_SYSROOT to a wasi-sysroot (e.g. wasi-sdk's share/wasi-sysroot)");
        }

        var shell = ExecutableLocator.Find("sh") ?? throw WorkflowException.MissingTool("sh is not on PATH; the C template builds with its build.sh");
        if (!File.Exists(Path.Combine(project.Directory, "build.sh")))
        {
            throw WorkflowException.Usage($"{Path.Combine(project.Directory, "build.sh")} is missing: a C project builds with its build.sh");
        }

        return [new ToolchainStep(shell, ["build.sh"], "sh build.sh (clang --target=wasm32-wasi)")];
    }

    // Debian's wasi-libc and wasi-sdk >= 22 use include/wasm32-wasi; older wasi-sdk sysroots put the headers in include/.
    private static bool HasWasiLibc(string sysroot) =>
        Directory.Exists(Path.Combine(sysroot, "include", "wasm32-wasi"))
        || (File.Exists(Path.Combine(sysroot, "include", "wasi", "api.h")) && Directory.Exists(Path.Combine(sysroot, "lib", "wasm32-wasi")));
}
