using System.Security.Cryptography;
using System.Text.Json;
using Weir.Cli.Tests.Workflow.Support;
using Weir.Cli.Workflow.Build;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Tests.Workflow;

/// <summary><c>weir build</c> with the real toolchains, in child processes with their own store and caches.</summary>
public sealed class BuildCommandTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();
    private readonly WorkflowCli user;

    public BuildCommandTests()
    {
        user = new WorkflowCli(directory.Combine("home"));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Build_NotAProject_IsAUsageErrorThatSaysHowToMakeOne()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await WorkflowCommandRunner.RunAsync("build", error, () => BuildCommand.RunAsync(new BuildRequest(directory.Path, null, null, [], false), output, error, CancellationToken.None));

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.ToString().Should().Contain("is not a filter project").And.Contain("weir init DIR --language");
    }

    [Fact]
    public async Task Build_AssemblyScriptWithoutNode_ExitsWithTheMissingToolCode()
    {
        await InitAsync("assemblyscript", "no-node");
        user.Environment["PATH"] = directory.Combine("empty-path");
        Directory.CreateDirectory(directory.Combine("empty-path"));

        var result = await user.RunAsync(directory.Path, "build", "no-node", "-t", "127.0.0.1:5000/no-node:v1");

        result.ExitCode.Should().Be(WorkflowExitCodes.MissingTool, result.ToString());
        result.Error.Should().Contain("node is not on PATH").And.Contain("Node.js");
    }

    [Fact]
    public async Task Build_CWithoutTheCompiler_ExitsWithTheMissingToolCode()
    {
        await InitAsync("c", "no-clang");
        user.Environment["CC"] = directory.Combine("nowhere", "clang");

        var result = await user.RunAsync(directory.Path, "build", "no-clang");

        result.ExitCode.Should().Be(WorkflowExitCodes.MissingTool, result.ToString());
        result.Error.Should().Contain("nowhere/clang does not exist").And.Contain("apt-get install -y clang lld wasi-libc");
    }

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task Build_CCompileError_ShowsTheCompilersMessage()
    {
        await InitAsync("c", "broken");
        File.AppendAllText(directory.Combine("broken", "filter.c"), "\nint broken(void) { return missing_variable; }\n");

        var result = await user.RunAsync(directory.Path, "build", "broken", "-t", "127.0.0.1:5000/broken:v1");

        result.ExitCode.Should().Be(WorkflowExitCodes.Failure, result.ToString());
        result.Error.Should().Contain("filter.c:").And.Contain("missing_variable").And.Contain("error");
        result.Error.Should().Contain("failed with exit code");
        (await user.RunAsync(directory.Path, "list")).Output.Should().NotContain("broken", "nothing is stored when the build fails");
    }

    [ToolchainFact("node", "npm")]
    public async Task Build_AssemblyScriptCompileError_ShowsTheCompilersMessage()
    {
        await InitAsync("assemblyscript", "broken-as");
        var source = directory.Combine("broken-as", "assembly", "index.ts");
        File.WriteAllText(source, File.ReadAllText(source).Replace("return FilterHeadersStatusValues.Continue;", "return undefinedThing;", StringComparison.Ordinal));

        var result = await user.RunAsync(directory.Path, "build", "broken-as");

        result.ExitCode.Should().Be(WorkflowExitCodes.Failure, result.ToString());
        result.Error.Should().Contain("undefinedThing").And.Contain("'npm run build' failed");
    }

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task Build_CJson_ReportsAbiRootIdsAndDigestsAndStoresTheModule()
    {
        await InitAsync("c", "reported");

        var result = await user.RunAsync(directory.Path, "build", "reported", "-t", "127.0.0.1:5000/reported:v2", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().Contain("[1/3] sh build.sh").And.Contain("[3/3] storing");
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("abiVersions").EnumerateArray().Select(version => version.GetString()).Should().Equal("v0.2.1");
        root.GetProperty("rootIds").EnumerateArray().Select(id => id.GetString()).Should().Equal("reported");
        root.GetProperty("rootIdSource").GetString().Should().Be("filter.c");
        var module = File.ReadAllBytes(directory.Combine("reported", "build", "filter.wasm"));
        root.GetProperty("module").GetProperty("digest").GetString().Should().Be("sha256:" + Convert.ToHexStringLower(SHA256.HashData(module)));
        root.GetProperty("reference").GetString().Should().Be("127.0.0.1:5000/reported:v2");

        var list = await user.RunAsync(directory.Path, "list");
        list.Output.Should().Contain("127.0.0.1:5000/reported:v2").And.Contain(root.GetProperty("manifestDigest").GetString()![..19]);
    }

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task Build_RootIdTheFilterRefuses_FailsWithTheFiltersOwnMessage()
    {
        await InitAsync("c", "strict");

        var result = await user.RunAsync(directory.Path, "build", "strict", "--root-id", "someone_else");

        result.ExitCode.Should().Be(WorkflowExitCodes.Failure, result.ToString());
        result.Error.Should().Contain("does not start with root id 'someone_else'").And.Contain("this module's root id is \"strict\"");
    }

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task Build_ConfigurationTheFilterRejects_FailsBeforeAnythingIsStored()
    {
        await InitAsync("c", "picky");
        File.WriteAllText(directory.Combine("picky", "config.json"), "{\"header\": ");

        var result = await user.RunAsync(directory.Path, "build", "picky", "-t", "127.0.0.1:5000/picky:v1");

        result.ExitCode.Should().Be(WorkflowExitCodes.Failure, result.ToString());
        result.Error.Should().Contain("and the sample configuration").And.Contain("must be a JSON object of strings");
        (await user.RunAsync(directory.Path, "list")).Output.Should().NotContain("picky");
    }

    private async Task InitAsync(string language, string name)
    {
        var init = await user.RunAsync(directory.Path, "init", name, "--language", language);
        init.ExitCode.Should().Be(0, init.ToString());
    }
}
