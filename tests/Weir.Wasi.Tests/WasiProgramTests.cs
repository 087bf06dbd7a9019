using System.Text;
using Weir.Wasm;

namespace Weir.Wasi.Tests;

/// <summary>The embedding API: <see cref="WasiProgram"/>, <see cref="WasiHost"/> and <see cref="WasiConfiguration"/>.</summary>
public sealed class WasiProgramTests
{
    private static readonly Engine Engine = new();

    [Fact]
    public void Run_HelloWithCapturedStreams_ReturnsZeroAndCapturesTheOutput()
    {
        using var stdout = new MemoryStream();
        var hello = Path.Combine(Support.Repository.Root, "examples", "hello");
        var configuration = new WasiConfiguration()
            .WithArguments("hello", "embedder")
            .WithEnvironmentVariable("MODE", "test")
            .WithPreopenedDirectory(Path.Combine(hello, "data"), "/data", WasiDirectoryAccess.ReadOnly)
            .WithStandardOutput(WasiOutput.ToStream(stdout));

        var exitCode = WasiProgram.Run(new Store(Engine), Module.FromFile(Engine, Path.Combine(hello, "hello.wasm")), configuration);

        exitCode.Should().Be(0);
        var output = Encoding.UTF8.GetString(stdout.ToArray());
        output.Should().StartWith("Hello, embedder!\n").And.Contain("  MODE=test\n").And.Contain("/data/message.txt:");
    }

    [Fact]
    public void Run_WithoutCapturing_DiscardsOutputAndGivesEmptyInput()
    {
        var exitCode = WasiProgram.Run(new Store(Engine), Load("stdio"), new WasiConfiguration().WithArguments("stdio", "3"));

        exitCode.Should().Be(3, "stdio reads an empty stdin, passes its checks and exits with argv[1]");
    }

    [Fact]
    public void Run_ProgramCallingProcExit_ReturnsItsCode()
    {
        var exitCode = WasiProgram.Run(new Store(Engine), Load("exit_code"), new WasiConfiguration().WithArguments("exit_code", "23"));

        exitCode.Should().Be(23);
    }

    [Fact]
    public void Run_WithASmallPerCallTransferCap_StillMovesEveryByteThroughShortTransfers()
    {
        using var sandbox = new Support.TempDirectory();
        using var stdout = new MemoryStream();
        var configuration = new WasiConfiguration { MaxBytesPerCall = 4096 }
            .WithPreopenedDirectory(sandbox.Path, "/sandbox")
            .WithStandardOutput(WasiOutput.ToStream(stdout));

        var exitCode = WasiProgram.Run(new Store(Engine), Load("files"), configuration);

        var output = Encoding.UTF8.GetString(stdout.ToArray());
        exitCode.Should().Be(0, output);
        output.Should().Contain("ok   1 MiB written").And.Contain("ok   the bytes round-trip");
    }

    [Fact]
    public void Run_Reactor_ThrowsBecauseItIsNotACommand()
    {
        var run = () => WasiProgram.Run(new Store(Engine), Load("exports"), new WasiConfiguration());

        run.Should().Throw<InvalidOperationException>().WithMessage("*does not export a '_start' function*");
        WasiProgram.IsCommand(Load("exports")).Should().BeFalse();
        WasiProgram.IsCommand(Load("exit_code")).Should().BeTrue();
    }

    [Fact]
    public void Run_ProgramThatTraps_ThrowsTheTrap()
    {
        var run = () => WasiProgram.Run(new Store(Engine), Load("trap"), new WasiConfiguration());

        run.Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.Unreachable);
    }

    [Fact]
    public void Run_WithVirtualClockAndSeededRandom_IsDeterministicAndDoesNotReallySleep()
    {
        string RunOnce()
        {
            using var stdout = new MemoryStream();
            var configuration = new WasiConfiguration()
                .WithClock(new ManualWasiClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)))
                .WithRandom(WasiRandom.Seeded(42))
                .WithStandardOutput(WasiOutput.ToStream(stdout));
            WasiProgram.Run(new Store(Engine), Load("clock_report"), configuration).Should().Be(0);
            return Encoding.UTF8.GetString(stdout.ToArray());
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = RunOnce();
        var second = RunOnce();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "two 5-second sleeps in virtual time take no real time");
        first.Should().StartWith(
            "start: realtime 1735689600000000000 monotonic 0\n" +
            "after sleeping 5 s: realtime 1735689605000000000 monotonic 5000000000\n" +
            "random:");
        second.Should().Be(first, "the same seed gives the same bytes");
    }

    [Fact]
    public void Define_ThenInstantiate_GivesTheProgramItsOwnContextWithItsExitCode()
    {
        var linker = new Linker(Engine);
        using var context = WasiHost.Define(linker, new WasiConfiguration().WithArguments("exit_code", "7"));
        var instance = linker.Instantiate(new Store(Engine), Load("exit_code"));

        var start = () => instance.GetAction("_start")!();

        var trap = start.Should().Throw<WasmTrapException>().Which;
        WasiExitException.Find(trap)!.ExitCode.Should().Be(7);
        context.ExitCode.Should().Be(7);
    }

    [Fact]
    public void Define_WithAMissingPreopenDirectory_ThrowsDirectoryNotFound()
    {
        var define = () => WasiHost.Define(new Linker(Engine), new WasiConfiguration().WithPreopenedDirectory("/no/such/dir", "/data"));

        define.Should().Throw<DirectoryNotFoundException>().WithMessage("*/data*/no/such/dir*");
    }

    [Fact]
    public void Define_UnderWasiUnstable_HasNoSockAccept()
    {
        var module = Module.FromBytes(Engine, new Support.WasmModuleBuilder()
            .ImportFunction(WasiHost.UnstableModuleName, "sock_accept", Support.WasmModuleBuilder.I32Parameters(3), [Support.WasmModuleBuilder.I32Type])
            .ExportFunction("_start", [], [], [])
            .Build());
        var linker = new Linker(Engine);
        using var context = WasiHost.Define(linker, new WasiConfiguration());

        var instantiate = () => linker.Instantiate(new Store(Engine), module);

        instantiate.Should().Throw<WasmLinkException>().WithMessage("*sock_accept*");
        linker.IsDefined(WasiHost.Preview1ModuleName, "sock_accept").Should().BeTrue();
    }

    [Theory]
    [InlineData("args_get")]
    [InlineData("fd_write")]
    [InlineData("path_open")]
    [InlineData("poll_oneoff")]
    [InlineData("proc_raise")]
    public void Define_UnderBothModuleNames_DefinesTheFunction(string name)
    {
        var linker = new Linker(Engine);
        using var context = WasiHost.Define(linker, new WasiConfiguration());

        linker.IsDefined(WasiHost.Preview1ModuleName, name).Should().BeTrue();
        linker.IsDefined(WasiHost.UnstableModuleName, name).Should().BeTrue();
    }

    [Fact]
    public void Define_DefinesAll46Preview1Functions()
    {
        string[] functions =
        [
            "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
            "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
            "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
            "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
            "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
            "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
            "sock_recv", "sock_send", "sock_shutdown",
        ];
        var linker = new Linker(Engine);
        using var context = WasiHost.Define(linker, new WasiConfiguration());

        functions.Should().HaveCount(46);
        functions.Should().OnlyContain(name => linker.IsDefined(WasiHost.Preview1ModuleName, name));
        functions.Where(name => name != "sock_accept").Should().OnlyContain(name => linker.IsDefined(WasiHost.UnstableModuleName, name));
    }

    [Fact]
    public void Define_WithAWronglyTypedImport_FailsToLink()
    {
        var module = Module.FromBytes(Engine, new Support.WasmModuleBuilder()
            .ImportFunction(WasiHost.Preview1ModuleName, "fd_write", Support.WasmModuleBuilder.I32Parameters(3), [Support.WasmModuleBuilder.I32Type])
            .ExportFunction("_start", [], [], [])
            .Build());
        var linker = new Linker(Engine);
        using var context = WasiHost.Define(linker, new WasiConfiguration());

        var instantiate = () => linker.Instantiate(new Store(Engine), module);

        instantiate.Should().Throw<WasmLinkException>().WithMessage("*fd_write*");
    }

    [Fact]
    public void Configuration_WithStringsCStringsCannotCarry_IsRefused()
    {
        var configuration = new WasiConfiguration();

        configuration.Invoking(c => c.WithArguments("a\0b")).Should().Throw<ArgumentException>().WithMessage("*NUL*");
        configuration.Invoking(c => c.WithEnvironmentVariable("A=B", "x")).Should().Throw<ArgumentException>().WithMessage("*'='*");
        configuration.Invoking(c => c.WithEnvironmentVariable("A", "x\0")).Should().Throw<ArgumentException>();
        configuration.Invoking(c => c.WithEnvironmentVariable("", "x")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Configuration_WithTooFewDescriptorsForItsPreopens_IsRefused()
    {
        using var directory = new Support.TempDirectory();
        var configuration = new WasiConfiguration { MaxOpenDescriptors = 3 }.WithPreopenedDirectory(directory.Path, "/d");

        var define = () => WasiHost.Define(new Linker(Engine), configuration);

        define.Should().Throw<ArgumentException>().WithMessage("*MaxOpenDescriptors*");
    }

    [Fact]
    public void SeededRandom_WithTheSameSeed_GivesTheSameBytesAndSecureRandomDiffers()
    {
        var first = new byte[32];
        var second = new byte[32];
        WasiRandom.Seeded(7).Fill(first);
        WasiRandom.Seeded(7).Fill(second);
        second.Should().Equal(first);

        WasiRandom.Secure.Fill(first);
        WasiRandom.Secure.Fill(second);
        second.Should().NotEqual(first);
    }

    [Fact]
    public void ManualClock_Advance_MovesBothClocks()
    {
        var clock = new ManualWasiClock(DateTimeOffset.UnixEpoch.AddSeconds(10));

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        clock.GetRealtimeNanoseconds().Should().Be(11_500_000_000);
        clock.GetMonotonicNanoseconds().Should().Be(1_500_000_000);
    }

    [Fact]
    public void SystemClock_Monotonic_StartsNearZeroAndNeverGoesBack()
    {
        var clock = new SystemWasiClock();
        var first = clock.GetMonotonicNanoseconds();
        var second = clock.GetMonotonicNanoseconds();

        first.Should().BeLessThan(60_000_000_000UL, "it counts from the clock's creation, not host uptime");
        second.Should().BeGreaterThanOrEqualTo(first);
        clock.GetRealtimeNanoseconds().Should().BeGreaterThan(1_577_836_800_000_000_000UL);
        clock.MonotonicResolutionNanoseconds.Should().BeGreaterThan(0);
    }

    private static Module Load(string program) => Module.FromFile(Engine, Support.Repository.Program(program));
}
