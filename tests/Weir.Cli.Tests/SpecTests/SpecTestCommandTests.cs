using Weir.Cli.SpecTests;

namespace Weir.Cli.Tests.SpecTests;

public sealed class SpecTestCommandTests : IDisposable
{
    private readonly SpecTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Run_DirectoryOfScripts_PrintsALinePerScriptInNameOrderAndTheTotals()
    {
        AddPassingScript("beta");
        AddFailingScript("alpha");

        var (exitCode, output, _) = Run(_directory.Path, verbose: false);

        exitCode.Should().Be(SpecTestCommand.FailuresExitCode);
        Lines(output).Should().Equal(
            "alpha: 1 passed, 1 failed, 0 skipped",
            "beta: 2 passed, 0 failed, 1 skipped",
            "spectest: 3 passed, 1 failed, 1 skipped");
    }

    [Fact]
    public void Run_Verbose_ShowsEachFailureUnderItsScript()
    {
        AddFailingScript("alpha");

        var (_, output, _) = Run(_directory.Path, verbose: true);

        Lines(output).Should().Equal(
            "alpha: 1 passed, 1 failed, 0 skipped",
            "  line 2: assert_return add(i32:2, i32:2): expected (i32:5), got (i32:4)",
            "spectest: 1 passed, 1 failed, 0 skipped");
    }

    [Fact]
    public void Run_FilterAndSingleFile_RunOnlyThoseScripts()
    {
        var beta = AddPassingScript("beta");
        AddFailingScript("alpha");

        var (filteredExit, filtered, _) = Run(_directory.Path, verbose: false, filter: "be*");
        var (fileExit, single, _) = Run(beta, verbose: false);

        filteredExit.Should().Be(0);
        fileExit.Should().Be(0);
        Lines(filtered).Should().Equal("beta: 2 passed, 0 failed, 1 skipped", "spectest: 2 passed, 0 failed, 1 skipped");
        Lines(single).Should().Equal(Lines(filtered));
    }

    [Theory]
    [InlineData("does-not-exist", null, "does not exist")]
    [InlineData("", "nothing*", "no script")]
    public void Run_NothingToRun_ExitsWithAUsageError(string relativePath, string? filter, string expectedError)
    {
        AddPassingScript("beta");

        var (exitCode, output, error) = Run(Path.Combine(_directory.Path, relativePath), verbose: false, filter);

        exitCode.Should().Be(SpecTestCommand.UsageExitCode);
        output.Should().BeEmpty();
        error.Should().StartWith("spectest: ").And.Contain(expectedError);
    }

    private string AddPassingScript(string name) => _directory.AddScript(
        name,
        """
        {"type": "module", "line": 1, "filename": "calc.wasm"},
        {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "2"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "4"}]},
        {"type": "assert_malformed", "line": 3, "filename": "text.wat", "text": "unexpected token", "module_type": "text"}
        """,
        ("calc.wasm", TinyModules.Calculator));

    private string AddFailingScript(string name) => _directory.AddScript(
        name,
        """
        {"type": "module", "line": 1, "filename": "calc.wasm"},
        {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "2"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "5"}]}
        """,
        ("calc.wasm", TinyModules.Calculator));

    private static (int ExitCode, string Output, string Error) Run(string path, bool verbose, string? filter = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = SpecTestCommand.Run(path, verbose, filter, SpecRunOptions.Default, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
}
