using System.Text;
using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests;

/// <summary>
/// <c>weir run</c> as a real process (<c>dotnet weir.dll</c>): proc_exit becomes the process's exit
/// code, traps exit with 134, and the program inherits the process's own standard streams.
/// </summary>
public sealed class ProcessTests
{
    private static readonly string WeirAssembly = Path.Combine(AppContext.BaseDirectory, "weir.dll");

    [Fact]
    public void WeirProcess_ProgramCallingProcExit_ExitsWithThatCodeAndKeepsItsOutput()
    {
        var result = RunWeir(["run", Repository.Program("exit_code"), "--", "42"]);

        result.ExitCode.Should().Be(42, "{0}", result);
        result.Stdout.Should().Be("stdout before exiting\n");
        result.Stderr.Should().Be("stderr before exiting\n");
    }

    [Fact]
    public void WeirProcess_ProgramExitingWith300_ExitsWithItsLow8Bits()
    {
        var result = RunWeir(["run", Repository.Program("exit_code"), "--", "300"]);

        result.ExitCode.Should().Be(OperatingSystem.IsWindows() ? 300 : 44);
    }

    [Fact]
    public void WeirProcess_ProgramThatTraps_Exits134WithTheTrapOnStderr()
    {
        var result = RunWeir(["run", Repository.Program("trap")]);

        result.ExitCode.Should().Be(134);
        result.Stdout.Should().Be("about to trap\n");
        result.Stderr.Should().Contain("unreachable").And.MatchRegex(@"at trap!(crash_here|call_crash) \(#\d+\)");
    }

    [Fact]
    public void WeirProcess_ProgramReadingStdin_ReadsWhatIsPipedIn()
    {
        var result = RunWeir(["run", Repository.Program("stdio"), "--", "5"], Encoding.UTF8.GetBytes("piped\ninput\n"));

        result.ExitCode.Should().Be(5, "{0}", result);
        result.Stdout.Should().StartWith("ok   stdin reads to the end without error\nstdin: 12 bytes, 2 lines").And.Contain("PIPED\nINPUT\n");
        result.Stderr.Should().Be("this line goes to stderr\n");
    }

    [Fact]
    public void WeirProcess_ProgramPollingPipedStdin_SeesItReadyAtTheEnd()
    {
        var result = RunWeir(["run", "--env", "WASI_STRICT=1", Repository.Program("stdio")], Encoding.UTF8.GetBytes("x"));

        result.Failures.Should().BeEmpty("{0}", result);
        result.Stdout.Should().Contain("ok   stdin at its end is ready with 0 bytes");
    }

    private static ProgramResult RunWeir(IEnumerable<string> arguments, byte[]? stdin = null)
    {
        File.Exists(WeirAssembly).Should().BeTrue("the test project references Weir.Cli, so weir.dll is next to the tests");
        return ProcessRunner.Run("dotnet", [WeirAssembly, .. arguments], stdin);
    }
}
