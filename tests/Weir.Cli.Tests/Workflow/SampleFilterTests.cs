using Weir.Cli.Tests.Workflow.Support;
using Weir.Cli.Workflow.Up;

namespace Weir.Cli.Tests.Workflow;

/// <summary>The module <c>weir up</c> serves is the C template built as hello-filter, not a hand-made binary.</summary>
public sealed class SampleFilterTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task Sample_IsTheCTemplateBuiltAsHelloFilter_ByteForByte()
    {
        var user = new WorkflowCli(directory.Combine("home"));
        var init = await user.RunAsync(directory.Path, "init", "sample", "--language", "c", "--name", "hello-filter");
        init.ExitCode.Should().Be(0, init.ToString());

        var build = await user.RunAsync(directory.Path, "build", "sample");

        build.ExitCode.Should().Be(0, build.ToString());
        File.ReadAllBytes(directory.Combine("sample", "build", "filter.wasm")).Should().Equal(
            SampleFilter.ReadModule(),
            "Templates/sample/hello-filter.wasm is regenerated from the C template after every change to it (see SampleFilter)");
    }
}
