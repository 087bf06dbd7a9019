using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests;

/// <summary>
/// The test programs with WASI_STRICT=1: every errno must be the reference one (not just one that
/// some runtime uses), and the checks other runtimes fail run too.
/// </summary>
public sealed class StrictConformanceTests
{
    [Theory]
    [InlineData("args_env")]
    [InlineData("files")]
    [InlineData("dirs")]
    [InlineData("clocks")]
    public void Program_WithStrictChecks_PassesEveryCheck(string program)
    {
        using var sandbox = new TempDirectory();

        var result = WeirRunner.Run(new ProgramInvocation(Repository.Program(program))
        {
            Directories = [(sandbox.Path, "/sandbox", false)],
            Environment = [("WASI_STRICT", "1")],
        });

        result.Failures.Should().BeEmpty("{0}", result);
        result.ExitCode.Should().Be(0, "{0}", result);
        result.Lines.Count(line => line.StartsWith("ok   ", StringComparison.Ordinal)).Should().BeGreaterThan(5, "the program must have run its checks");
    }

    [Fact]
    public void StdioProgram_WithStrictChecks_SeesStdinAtItsEndAsReadyWithZeroBytes()
    {
        var result = WeirRunner.Run(new ProgramInvocation(Repository.Program("stdio"))
        {
            Environment = [("WASI_STRICT", "1")],
            Stdin = "abc\n"u8.ToArray(),
        });

        result.Failures.Should().BeEmpty("{0}", result);
        result.Stdout.Should().Contain("stdin: 4 bytes, 1 lines").And.Contain("ABC\n").And.Contain("ok   stdin at its end is ready with 0 bytes");
        result.Stderr.Should().Be("this line goes to stderr\n");
        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void ReadOnlyProgram_WithAReadOnlyMount_IsRefusedEveryChangeAndTheMountStaysUnchanged()
    {
        using var root = new TempDirectory();
        var (readOnly, readWrite) = Fixtures.CreateReadOnlyLayout(root);
        var before = HostSnapshot.Take(readOnly);

        var result = WeirRunner.Run(new ProgramInvocation(Repository.Program("readonly"))
        {
            Directories = [(readOnly, "/ro", true), (readWrite, "/rw", false)],
        });

        result.Failures.Should().BeEmpty("{0}", result);
        result.ExitCode.Should().Be(0, "{0}", result);
        result.Stdout.Should().Contain("read: read-only data\n");
        HostSnapshot.Take(readOnly).Should().Equal(before, "nothing on a read-only mount may change");
        Directory.Exists(Path.Combine(readWrite, "made")).Should().BeTrue("the read-write mount next to it still works");
    }

    [Fact]
    public void UnstableProgram_ThroughWasiUnstable_GetsPreview0LayoutsAndWhenceNumbers()
    {
        using var sandbox = new TempDirectory();

        var result = WeirRunner.Run(new ProgramInvocation(Repository.Program("unstable"))
        {
            Directories = [(sandbox.Path, "/sandbox", false)],
        });

        result.Failures.Should().BeEmpty("{0}", result);
        result.ExitCode.Should().Be(0, "{0}", result);
        result.Stdout.Should().StartWith("written through wasi_unstable\n")
            .And.Contain("ok   seek with preview 0's END (1)")
            .And.Contain("ok   nothing is written past 56 bytes")
            .And.Contain("ok   it fired once with its userdata");
    }
}
