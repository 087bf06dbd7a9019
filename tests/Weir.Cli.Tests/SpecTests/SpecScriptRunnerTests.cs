using Weir.Cli.SpecTests;

namespace Weir.Cli.Tests.SpecTests;

public sealed class SpecScriptRunnerTests : IDisposable
{
    private static readonly SpecRunOptions FastOptions = new() { CommandTimeout = TimeSpan.FromSeconds(2), ScriptTimeout = TimeSpan.FromMinutes(1) };

    private readonly SpecTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Run_PassingAndFailingCommands_CountsEachCommandOnce()
    {
        var result = Run(
            """
            {"type": "module", "line": 1, "filename": "calc.wasm"},
            {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "4294967295"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "1"}]},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "4"}]},
            {"type": "assert_trap", "line": 4, "action": {"type": "invoke", "field": "trap", "args": []}, "text": "unreachable", "expected": []},
            {"type": "assert_malformed", "line": 5, "filename": "garbage.wasm", "text": "magic header not detected", "module_type": "binary"},
            {"type": "assert_malformed", "line": 6, "filename": "text.wat", "text": "unexpected token", "module_type": "text"}
            """,
            ("calc.wasm", TinyModules.Calculator),
            ("garbage.wasm", TinyModules.Garbage));

        result.Passed.Should().Be(4);
        result.Failed.Should().Be(1);
        result.Skipped.Should().Be(1);
        result.Failures.Single().ToString().Should().Be("line 3: assert_return add(i32:1, i32:2): expected (i32:4), got (i32:3)");
        result.Skips.Single().Kind.Should().Be(SpecCommandKind.AssertMalformed);
    }

    [Fact]
    public void Run_ExpectedTrapThatDoesNotHappen_FailsWithTheResults()
    {
        var result = Run(
            """
            {"type": "module", "line": 1, "filename": "calc.wasm"},
            {"type": "assert_trap", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "0"}]}, "text": "integer divide by zero", "expected": [{"type": "i32"}]}
            """,
            ("calc.wasm", TinyModules.Calculator));

        result.Failures.Should().ContainSingle().Which.ToString()
            .Should().Be("line 2: assert_trap add(i32:1, i32:0): expected trap \"integer divide by zero\", got no trap, results (i32:1)");
    }

    [Fact]
    public void Run_CommandsThatCannotWork_FailAloneAndTheScriptGoesOn()
    {
        var result = Run(
            """
            {"type": "module", "line": 1, "filename": "calc.wasm"},
            {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "missing", "args": []}, "expected": []},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add", "args": [{"type": "i64", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]},
            {"type": "assert_return", "line": 4, "action": {"type": "invoke", "module": "$Nobody", "field": "add", "args": []}, "expected": []},
            {"type": "module", "line": 5, "filename": "no-such-file.wasm"},
            {"type": "assert_wobbly", "line": 6},
            {"type": "module", "line": 7, "filename": "calc.wasm"},
            {"type": "assert_return", "line": 8, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]}
            """,
            ("calc.wasm", TinyModules.Calculator));

        result.Failures.Select(failure => failure.Line).Should().Equal(2, 3, 4, 5, 6);
        result.Failures[0].Actual.Should().Contain("no function \"missing\"");
        result.Failures[2].Actual.Should().Contain("$Nobody");
        result.Failures[3].Actual.Should().Contain("FileNotFoundException");
        result.Failures[4].Actual.Should().Contain("assert_wobbly");
        result.Passed.Should().Be(3);
    }

    [Fact]
    public void Run_AfterAModuleFailsToLoad_ActionsDoNotFallBackToThePreviousModule()
    {
        var result = Run(
            """
            {"type": "module", "line": 1, "filename": "calc.wasm"},
            {"type": "module", "line": 2, "filename": "garbage.wasm"},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]}
            """,
            ("calc.wasm", TinyModules.Calculator),
            ("garbage.wasm", TinyModules.Garbage));

        result.Failures.Select(failure => failure.Line).Should().Equal(2, 3);
        result.Failures[0].Actual.Should().StartWith("malformed:");
        result.Failures[1].Actual.Should().Be("the module of line 2 did not load or instantiate");
    }

    [Fact]
    public void Run_NamedAndRegisteredModules_AreReachableByName()
    {
        var result = Run(
            """
            {"type": "module", "line": 1, "name": "$Globals", "filename": "global.wasm"},
            {"type": "module", "line": 2, "filename": "calc.wasm"},
            {"type": "assert_return", "line": 3, "action": {"type": "get", "module": "$Globals", "field": "g"}, "expected": [{"type": "i32", "value": "666"}]},
            {"type": "register", "line": 4, "name": "$Globals", "as": "globals"},
            {"type": "assert_unlinkable", "line": 5, "filename": "missing-import.wasm", "text": "unknown import", "module_type": "binary"}
            """,
            ("global.wasm", TinyModules.SpectestGlobal),
            ("calc.wasm", TinyModules.Calculator),
            ("missing-import.wasm", TinyModules.MissingImport));

        result.Failures.Should().BeEmpty();
        result.Passed.Should().Be(5);
    }

    [Fact]
    public void Run_WrongKindOfError_Fails()
    {
        var result = Run(
            """
            {"type": "assert_invalid", "line": 1, "filename": "garbage.wasm", "text": "type mismatch", "module_type": "binary"},
            {"type": "assert_malformed", "line": 2, "filename": "empty.wasm", "text": "unexpected end", "module_type": "binary"},
            {"type": "assert_invalid", "line": 3, "filename": "text.wat", "text": "type mismatch", "module_type": "text"}
            """,
            ("garbage.wasm", TinyModules.Garbage),
            ("empty.wasm", TinyModules.Empty));

        result.Failures.Select(failure => failure.Line).Should().Equal(1, 2);
        result.Failures[0].Actual.Should().StartWith("malformed:");
        result.Failures[1].Actual.Should().Be("the module was accepted");
        result.Skips.Should().ContainSingle().Which.Kind.Should().Be(SpecCommandKind.AssertInvalid, "a text module is skipped whatever the command, and the suite test tells the kinds apart");
    }

    [Fact]
    public void Run_EndlessRecursion_IsStackExhaustion()
    {
        var result = Run(
            """
            {"type": "module", "line": 1, "filename": "calc.wasm"},
            {"type": "assert_exhaustion", "line": 2, "action": {"type": "invoke", "field": "runaway", "args": []}, "text": "call stack exhausted", "expected": []}
            """,
            ("calc.wasm", TinyModules.Calculator));

        result.Failures.Should().BeEmpty();
        result.Passed.Should().Be(2);
    }

    [Fact]
    public void Run_EndlessLoop_FailsAtTheDeadlineAndTheScriptGoesOn()
    {
        var options = FastOptions with { CommandTimeout = TimeSpan.FromMilliseconds(300) };
        var result = Run(
            options,
            """
            {"type": "module", "line": 1, "filename": "calc.wasm"},
            {"type": "assert_trap", "line": 2, "action": {"type": "invoke", "field": "spin", "args": []}, "text": "unreachable", "expected": []},
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]}
            """,
            ("calc.wasm", TinyModules.Calculator));

        result.Failures.Should().ContainSingle().Which.Actual.Should().Contain(nameof(TrapCode.Deadline));
        result.Passed.Should().Be(2);
    }

    [Fact]
    public void RunIsolated_UnreadableScript_IsOneFailure()
    {
        var path = Path.Combine(_directory.Path, "broken.json");
        File.WriteAllText(path, "{ not json");

        var result = SpecSuiteRunner.RunIsolated(path, FastOptions);

        result.Name.Should().Be("broken");
        result.Failed.Should().Be(1);
        result.Failures.Single().Actual.Should().Contain("not valid JSON");
    }

    private ScriptResult Run(string commandsJson, params (string FileName, byte[] Bytes)[] modules) =>
        Run(FastOptions, commandsJson, modules);

    private ScriptResult Run(SpecRunOptions options, string commandsJson, params (string FileName, byte[] Bytes)[] modules) =>
        SpecSuiteRunner.RunIsolated(_directory.AddScript("script", commandsJson, modules), options);
}
