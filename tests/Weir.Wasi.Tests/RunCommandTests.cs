using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests;

/// <summary><c>weir run</c> driven in-process: exit codes, traps, --invoke, limits and the errors a user can make.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void Run_Hello_PrintsGreetingArgumentsEnvironmentAndThePreopenedFile()
    {
        var hello = Path.Combine(Repository.Root, "examples", "hello");

        var result = WeirRunner.RunCommandLine(["run", "--dir", $"{Path.Combine(hello, "data")}::/data", "--env", "LANG=C", Path.Combine(hello, "hello.wasm"), "--", "world"]);

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Stdout.Should().Contain("Hello, world!")
            .And.Contain("argv[0] = hello.wasm")
            .And.Contain("argv[1] = world")
            .And.Contain("  LANG=C")
            .And.Contain("/data/message.txt: Files in this directory are visible to hello.wasm as /data.");
    }

    [Theory]
    [InlineData(new string[0], 3)]
    [InlineData(new[] { "return" }, 0)]
    [InlineData(new[] { "17" }, 17)]
    [InlineData(new[] { "raw", "9" }, 9)]
    public void Run_ProgramExiting_ExitsWithTheProgramsCode(string[] arguments, int expected)
    {
        var result = WeirRunner.RunCommandLine(["run", Repository.Program("exit_code"), "--", .. arguments]);

        result.ExitCode.Should().Be(expected, "{0}", result);
        result.Stdout.Should().StartWith("stdout before exiting\n");
        result.Stderr.Should().Be("stderr before exiting\n");
    }

    [Fact]
    public void Run_ProgramThatTraps_Exits134AndPrintsTheTrapWithTheWasmStackTrace()
    {
        var result = WeirRunner.RunCommandLine(["run", Repository.Program("trap"), "--", "divide"]);

        result.ExitCode.Should().Be(134);
        result.Stdout.Should().Be("about to trap\n", "output written before the trap is kept");
        // The frames are named from the name section. (Weir.Wasm lets the JIT inline small functions,
        // which drops their frames, so not every function on the way is required to appear.)
        result.Stderr.Should().Contain("trapped")
            .And.Contain("integer divide by zero (IntegerDivideByZero)")
            .And.MatchRegex(@"\n    at trap!(divide|crash_here|call_crash) \(#\d+\)\n")
            .And.Contain("    at trap!_start");
    }

    [Fact]
    public void Run_ModuleWithoutStart_Exits125AndSuggestsInvoke()
    {
        var result = WeirRunner.RunCommandLine(["run", Repository.Program("exports")]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain("is not a WASI command").And.Contain("'_start'").And.Contain("--invoke NAME").And.Contain("add, add64, half");
    }

    [Theory]
    [InlineData("add", new[] { "2", "40" }, "42\n")]
    [InlineData("add", new[] { "-5", "4294967295" }, "-6\n")]
    [InlineData("add64", new[] { "9223372036854775807", "1" }, "-9223372036854775808\n")]
    [InlineData("half", new[] { "0.1" }, "0.05\n")]
    [InlineData("half", new[] { "3" }, "1.5\n")]
    [InlineData("hypotenuse", new[] { "3", "4" }, "5\n")]
    [InlineData("hypotenuse", new[] { "1", "1" }, "1.4142135623730951\n")]
    [InlineData("hypotenuse", new[] { "inf", "1" }, "Infinity\n")]
    [InlineData("initialized", new string[0], "1\n")]
    [InlineData("greet", new[] { "2" }, "hello from an export\nhello from an export\n")]
    public void Run_WithInvoke_PrintsEachResultOnItsOwnLineInRoundTrippableForm(string export, string[] arguments, string expected)
    {
        var result = WeirRunner.RunCommandLine(["run", "--invoke", export, Repository.Program("exports"), "--", .. arguments]);

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Stdout.Should().Be(expected);
    }

    [Fact]
    public void Run_WithInvokeOfAnExportThatExits_ExitsWithThatCode()
    {
        var result = WeirRunner.RunCommandLine(["run", "--invoke", "quit", Repository.Program("exports"), "--", "9"]);

        result.ExitCode.Should().Be(9);
    }

    [Theory]
    [InlineData("add", new[] { "1" }, "takes 2 argument(s), but 1 were given")]
    [InlineData("add", new[] { "1", "x" }, "argument 2 of 'add': 'x' is not a valid i32")]
    [InlineData("add", new[] { "1", "4294967296" }, "is not a valid i32")]
    [InlineData("missing", new string[0], "no exported function 'missing'")]
    public void Run_WithInvokeMisused_Exits125WithAClearMessage(string export, string[] arguments, string message)
    {
        var result = WeirRunner.RunCommandLine(["run", "--invoke", export, Repository.Program("exports"), "--", .. arguments]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain(message);
    }

    [Fact]
    public void Run_WithFuel_StopsAnEndlessLoopWithATrap()
    {
        var result = WeirRunner.RunCommandLine(["run", "--fuel", "2000000", Repository.Program("spin")]);

        result.ExitCode.Should().Be(134, "{0}", result);
        result.Stdout.Should().Be("spinning\n");
        result.Stderr.Should().Contain("all fuel consumed");
    }

    [Theory]
    [InlineData("loop")]
    [InlineData("sleep")]
    public void Run_WithTimeout_StopsALoopingOrSleepingProgramSoonAfterTheDeadline(string mode)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = WeirRunner.RunCommandLine(["run", "--timeout", "300ms", Repository.Program("spin"), "--", mode]);

        result.ExitCode.Should().Be(134, "{0}", result);
        result.Stderr.Should().Contain("deadline exceeded");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "a 10-second sleep must not hold the deadline up");
    }

    [Fact]
    public void Run_WithMaxMemory_MakesLargerAllocationsFailInsideTheProgram()
    {
        var limited = WeirRunner.RunCommandLine(["run", "--max-memory", "16MiB", Repository.Program("spin"), "--", "memory", "32"]);
        var unlimited = WeirRunner.RunCommandLine(["run", Repository.Program("spin"), "--", "memory", "32"]);

        limited.Stdout.Should().Be("could not allocate 32 MiB\n");
        limited.ExitCode.Should().Be(1);
        unlimited.Stdout.Should().Be("allocated 32 MiB\n");
        unlimited.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Run_WithReadOnlyDirectory_ExposesItReadOnly()
    {
        using var root = new TempDirectory();
        var (readOnly, readWrite) = Fixtures.CreateReadOnlyLayout(root);

        var result = WeirRunner.RunCommandLine(["run", "--dir", $"{readOnly}::/ro:ro", "--dir", $"{readWrite}::/rw", Repository.Program("readonly")]);

        result.ExitCode.Should().Be(0, "{0}", result);
    }

    [Theory]
    [InlineData("--dir", "::/data", "expected HOST[::GUEST][:ro]")]
    [InlineData("--env", "NOVALUE", "expected NAME=VALUE")]
    [InlineData("--timeout", "5", "use a number with a unit")]
    [InlineData("--timeout", "-1s", "expected a positive number")]
    [InlineData("--max-memory", "lots", "use bytes or a unit")]
    [InlineData("--fuel", "-5", "fuel cannot be negative")]
    public void Run_WithABadOptionValue_Exits125AndNamesTheProblem(string option, string value, string message)
    {
        var result = WeirRunner.RunCommandLine(["run", option, value, Repository.Program("exit_code")]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain(message);
    }

    [Fact]
    public void Run_WithAMissingPreopenDirectory_Exits125()
    {
        var result = WeirRunner.RunCommandLine(["run", "--dir", "/no/such/directory::/data", Repository.Program("exit_code")]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain("/no/such/directory").And.Contain("does not exist");
    }

    [Fact]
    public void Run_WithAMissingFile_Exits125()
    {
        var result = WeirRunner.RunCommandLine(["run", "/no/such/module.wasm"]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain("cannot read /no/such/module.wasm");
    }

    [Fact]
    public void Run_WithBytesThatAreNotWasm_Exits125()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("not.wasm");
        File.WriteAllText(path, "hello");

        var result = WeirRunner.RunCommandLine(["run", path]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain("is not a valid WebAssembly");
    }

    [Fact]
    public void Run_ModuleImportingSomethingElse_Exits125AndNamesTheImport()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("imports.wasm");
        File.WriteAllBytes(path, new WasmModuleBuilder()
            .ImportFunction("env", "host_thing", [], [])
            .ExportFunction("_start", [], [], [])
            .Build());

        var result = WeirRunner.RunCommandLine(["run", path]);

        result.ExitCode.Should().Be(125);
        result.Stderr.Should().Contain("env.host_thing").And.Contain("wasi_snapshot_preview1");
    }
}
