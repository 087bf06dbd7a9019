using Weir.Cli.Tests.Workflow.Support;
using Weir.Cli.Workflow.Build;
using Weir.Cli.Workflow.Projects;
using Weir.Cli.Workflow.Up;

namespace Weir.Cli.Tests.Workflow;

public sealed class RootIdDetectorTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Detect_AssemblyScriptRegistrations_AreFoundInOrderWithoutCommentedOnes()
    {
        Write("assembly/index.ts", """
            // registerRootContext((id: u32) => new Old(id), "old_filter");
            registerRootContext((context_id: u32) => { return new First(context_id); }, "first");
            /* registerRootContext(() => x, "disabled"); */
            registerRootContext(
              (context_id: u32) => new Second(context_id),
              'second'
            );
            const url = "http://example.com"; // a string with // inside is not a comment
            registerRootContext((id: u32) => new Third(id), "third");
            """);

        var (rootIds, source) = RootIdDetector.Detect(Project(ProjectLanguage.AssemblyScript));

        rootIds.Should().Equal("first", "second", "third");
        source.Should().Be("assembly/index.ts");
    }

    [Fact]
    public void Detect_CDefine_IsFoundAndBuildOutputIsIgnored()
    {
        Write("filter.c", "#include \"proxy_wasm.h\"\n#define FILTER_ROOT_ID \"edge_auth\"\n");
        Write("build/generated.c", "#define FILTER_ROOT_ID \"stale\"\n");

        var (rootIds, source) = RootIdDetector.Detect(Project(ProjectLanguage.C));

        rootIds.Should().Equal("edge_auth");
        source.Should().Be("filter.c");
    }

    [Fact]
    public void Detect_RootIdsInWeirJson_WinOverTheSources()
    {
        Write("filter.c", "#define FILTER_ROOT_ID \"from_source\"\n");

        var (rootIds, source) = RootIdDetector.Detect(Project(ProjectLanguage.C, ["declared"]));

        rootIds.Should().Equal("declared");
        source.Should().Be("weir.json");
    }

    [Fact]
    public void Detect_NoRegistration_FindsNothing()
    {
        Write("assembly/index.ts", "export function hello(): void {}\n");

        RootIdDetector.Detect(Project(ProjectLanguage.AssemblyScript)).RootIds.Should().BeEmpty();
    }

    [Fact]
    public void MissingFromModule_ChecksTheDataSegments()
    {
        var module = Weir.Wasm.Module.Validate(SampleFilter.ReadModule());

        RootIdDetector.MissingFromModule(module, ["hello_filter", "not_in_there"]).Should().Equal("not_in_there");
    }

    private FilterProject Project(ProjectLanguage language, IReadOnlyList<string>? rootIds = null) =>
        new(directory.Path, "sample", language, "build/filter.wasm", null, rootIds ?? []);

    private void Write(string relativePath, string text)
    {
        var path = directory.Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
