using System.Text.Json;
using Weir.Cli.Tests.Workflow.Support;
using Weir.Cli.Workflow.Init;
using Weir.Cli.Workflow.Projects;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Tests.Workflow;

public sealed class InitCommandTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Init_AssemblyScript_WritesAProjectPinnedToTheTestedToolchain()
    {
        var project = directory.Combine("hello-filter");

        var (exitCode, output, _) = await RunAsync(new InitRequest(project, "assemblyscript", null, false, false));

        exitCode.Should().Be(WorkflowExitCodes.Success);
        output.Should().Contain("Created hello-filter").And.Contain("root id hello_filter").And.Contain("weir build");
        var loaded = FilterProject.Load(project);
        loaded.Should().BeEquivalentTo(new { Name = "hello-filter", Language = ProjectLanguage.AssemblyScript, Module = "build/filter.wasm", Configuration = "config.json" });

        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "package.json")));
        var dependencies = package.RootElement.GetProperty("devDependencies");
        dependencies.GetProperty("assemblyscript").GetString().Should().StartWith("0.14.");
        dependencies.GetProperty("@solo-io/proxy-runtime").GetString().Should().Be("0.1.8");
        package.RootElement.GetProperty("scripts").GetProperty("build").GetString()
            .Should().Contain("asc assembly/index.ts").And.Contain("--use abort=abort_proc_exit").And.Contain("--optimize");

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "package-lock.json")));
        var packages = lockFile.RootElement.GetProperty("packages");
        packages.GetProperty("").GetProperty("name").GetString().Should().Be("hello-filter");
        packages.GetProperty("node_modules/@solo-io/proxy-runtime").GetProperty("version").GetString().Should().Be("0.1.8");
        packages.GetProperty("node_modules/assemblyscript").GetProperty("version").GetString().Should().StartWith("0.14.");
        packages.GetProperty("node_modules/assemblyscript").GetProperty("integrity").GetString().Should().StartWith("sha512-", "npm ci verifies what it installs");

        File.ReadAllText(Path.Combine(project, "assembly", "index.ts")).Should().Contain("registerRootContext(").And.Contain("\"hello_filter\");").And.NotContain("{{");
        File.ReadAllText(Path.Combine(project, ".gitignore")).Should().Contain("node_modules/");
        File.Exists(Path.Combine(project, "README.md")).Should().BeTrue();
    }

    [Fact]
    public async Task Init_C_WritesTheHeaderAndAnExecutableBuildScript()
    {
        var project = directory.Combine("filters", "auth");

        var (exitCode, _, _) = await RunAsync(new InitRequest(project, "c", "auth-check", false, false));

        exitCode.Should().Be(WorkflowExitCodes.Success);
        FilterProject.Load(project).Should().BeEquivalentTo(new { Name = "auth-check", Language = ProjectLanguage.C });
        File.ReadAllText(Path.Combine(project, "filter.c")).Should().Contain("#define FILTER_ROOT_ID \"auth_check\"").And.NotContain("{{");
        File.ReadAllText(Path.Combine(project, "proxy_wasm.h")).Should().Contain("proxy_abi_version_0_2_1");
        var script = Path.Combine(project, "build.sh");
        File.ReadAllText(script).Should().Contain("--target=wasm32-wasi").And.Contain("-mexec-model=reactor").And.Contain("-O2");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(script).Should().HaveFlag(UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task Init_SampleGatewayConfiguration_NamesTheFilterAndItsRootId()
    {
        var project = directory.Combine("edge");

        await RunAsync(new InitRequest(project, "c", null, false, false));

        var gateway = File.ReadAllText(Path.Combine(project, "gateway.yaml"));
        gateway.Should().Contain("filters: [edge]").And.Contain("module: build/filter.wasm").And.Contain("root_id: edge");
        using var configuration = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "config.json")));
        configuration.RootElement.GetProperty("header").GetString().Should().Be("x-weir-filter");
    }

    [Fact]
    public async Task Init_NameFromTheDirectory_IsMadeValid()
    {
        var (exitCode, _, _) = await RunAsync(new InitRequest(directory.Combine("My Filter_2"), "c", null, false, false));

        exitCode.Should().Be(WorkflowExitCodes.Success);
        FilterProject.Load(directory.Combine("My Filter_2")).Name.Should().Be("my-filter-2");
    }

    [Fact]
    public async Task Init_ExistingFiles_AreKeptUnlessForced()
    {
        var project = directory.Combine("taken");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "README.md"), "mine");

        var (exitCode, _, error) = await RunAsync(new InitRequest(project, "c", null, false, false));

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain("already has README.md").And.Contain("--force");
        File.ReadAllText(Path.Combine(project, "README.md")).Should().Be("mine");
        File.Exists(Path.Combine(project, "filter.c")).Should().BeFalse("nothing is written when something is in the way");

        (await RunAsync(new InitRequest(project, "c", null, true, false))).ExitCode.Should().Be(WorkflowExitCodes.Success);
        File.ReadAllText(Path.Combine(project, "README.md")).Should().StartWith("# taken");
    }

    [Theory]
    [InlineData("rust")]
    [InlineData("tinygo")]
    public async Task Init_UntestedLanguage_IsRefusedWithTheOfferedOnes(string language)
    {
        var (exitCode, _, error) = await RunAsync(new InitRequest(directory.Combine("x"), language, null, false, false));

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain($"'{language}' is not offered").And.Contain("assemblyscript or c");
        Directory.Exists(directory.Combine("x")).Should().BeFalse();
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("-hello")]
    [InlineData("hello--filter")]
    [InlineData("hello filter")]
    public async Task Init_InvalidName_IsAUsageError(string name)
    {
        var (exitCode, _, error) = await RunAsync(new InitRequest(directory.Combine("x"), "c", name, false, false));

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain("--name").And.Contain("not a valid filter name");
    }

    [Fact]
    public async Task Init_MissingLanguage_SaysHowToGiveIt()
    {
        var (exitCode, _, error) = await RunAsync(new InitRequest(directory.Combine("x"), null, null, false, false));

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain("--language assemblyscript|c");
    }

    [Fact]
    public async Task Init_Json_ListsTheFilesWritten()
    {
        var project = directory.Combine("listed");

        var (_, output, _) = await RunAsync(new InitRequest(project, "assemblyscript", null, false, true));

        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("rootId").GetString().Should().Be("listed");
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(file => file.GetString()).ToList();
        files.Should().Contain(["weir.json", "package.json", "package-lock.json", "assembly/index.ts", "config.json", "gateway.yaml", "README.md", ".gitignore"]);
        files.Should().OnlyContain(file => File.Exists(Path.Combine(project, file!)));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(InitRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await WorkflowCommandRunner.RunAsync("init", error, () => Task.FromResult(InitCommand.Run(request, output)));
        return (exitCode, output.ToString(), error.ToString());
    }
}
