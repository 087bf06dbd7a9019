using System.Text;
using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests;

/// <summary>
/// Every portable test program must behave under <c>weir run</c> exactly as under Node's node:wasi
/// (preview 1): the same stdout, stderr and exit code, each runtime in a fresh copy of the same
/// preopened directories.
/// </summary>
public sealed class NodeComparisonTests
{
    public static TheoryData<string, string[], string> Programs => new()
    {
        { "args_env", ["one", "two words", "", "ünïcödé"], "" },
        { "files", [], "" },
        { "dirs", [], "" },
        { "clocks", [], "" },
        { "stdio", ["7"], "first line\nsecond line\nno newline at the end" },
        { "stdio", [], "" },
        { "exit_code", [], "" },
        { "exit_code", ["return"], "" },
        { "exit_code", ["42"], "" },
        { "exit_code", ["raw", "5"], "" },
        { "exit_code", ["300"], "" },
    };

    [NodeTheory]
    [MemberData(nameof(Programs))]
    public void Program_UnderWeirAndNode_ProducesTheSameOutputAndExitCode(string program, string[] arguments, string stdin)
    {
        using var weirDirectory = new TempDirectory();
        using var nodeDirectory = new TempDirectory();

        var weir = WeirRunner.Run(Invocation(program, arguments, stdin, weirDirectory.Path));
        var node = NodeRunner.Run(Invocation(program, arguments, stdin, nodeDirectory.Path));

        weir.Stdout.Should().Be(node.Stdout, "stdout must match node:wasi\n{0}\nnode:\n{1}", weir, node);
        weir.Stderr.Should().Be(node.Stderr, "stderr must match node:wasi");
        weir.ExitCode.Should().Be(node.ExitCode, "the exit code must match node:wasi");
        HostSnapshot.Take(weirDirectory.Path).Select(StripTimes).Should().Equal(
            HostSnapshot.Take(nodeDirectory.Path).Select(StripTimes),
            "both runtimes must leave the same files behind");
    }

    [NodeFact]
    public void SandboxProgram_UnderWeirAndNode_RefusesTheSameEscapesAndLeavesTheHostUntouched()
    {
        using var weirRoot = new TempDirectory();
        using var nodeRoot = new TempDirectory();
        var weirLayout = Fixtures.CreateEscapeLayout(weirRoot);
        var nodeLayout = Fixtures.CreateEscapeLayout(nodeRoot);
        var outsideBefore = HostSnapshot.Take(weirLayout.Outside);

        var weir = WeirRunner.Run(new ProgramInvocation(Repository.Program("sandbox")) { Directories = [(weirLayout.Sandbox, "/sandbox", false)] });
        var node = NodeRunner.Run(new ProgramInvocation(Repository.Program("sandbox")) { Directories = [(nodeLayout.Sandbox, "/sandbox", false)] });

        weir.Stdout.Should().Be(node.Stdout, "{0}", weir);
        weir.Stderr.Should().Be(node.Stderr);
        weir.ExitCode.Should().Be(node.ExitCode).And.Be(0, "every portable escape attempt must be refused\n{0}", weir);
        HostSnapshot.Take(weirLayout.Outside).Should().Equal(outsideBefore, "nothing outside the sandbox may change");
    }

    private static ProgramInvocation Invocation(string program, string[] arguments, string stdin, string sandbox) =>
        new(Repository.Program(program))
        {
            Directories = [(sandbox, "/sandbox", false)],
            Environment = [("GREETING", "hello"), ("EMPTY", string.Empty)],
            Arguments = arguments,
            Stdin = Encoding.UTF8.GetBytes(stdin),
        };

    /// <summary>Times of files the programs create differ between two runs; names, sizes and contents must not.</summary>
    private static string StripTimes(string entry) =>
        System.Text.RegularExpressions.Regex.Replace(entry, @" mtime=\d+", string.Empty);
}
