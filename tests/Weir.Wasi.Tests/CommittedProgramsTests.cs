using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests;

/// <summary>The committed .wasm files are what build.sh makes of the committed C sources, so no test runs a stale binary.</summary>
public sealed class CommittedProgramsTests
{
    [ToolchainFact]
    public void BuildScript_WithTheToolchain_ReproducesEveryCommittedBinaryByteForByte()
    {
        using var output = new TempDirectory();

        var build = ProcessRunner.Run("bash", [Path.Combine(Repository.ProgramsDirectory, "build.sh"), output.Path], timeout: TimeSpan.FromMinutes(5));

        build.ExitCode.Should().Be(0, "{0}", build);
        var sources = Directory.GetFiles(Repository.ProgramsDirectory, "*.c").Select(Path.GetFileNameWithoutExtension).ToList();
        sources.Should().NotBeEmpty();
        foreach (var name in sources)
        {
            File.ReadAllBytes(output.Combine(name + ".wasm")).Should().Equal(
                File.ReadAllBytes(Repository.Program(name!)),
                "tests/wasi-programs/{0}.wasm must be rebuilt with build.sh after changing {0}.c", name);
        }

        File.ReadAllBytes(output.Combine("hello.wasm")).Should().Equal(
            File.ReadAllBytes(Path.Combine(Repository.Root, "examples", "hello", "hello.wasm")),
            "examples/hello/hello.wasm must be rebuilt with build.sh after changing hello.c");
    }
}
