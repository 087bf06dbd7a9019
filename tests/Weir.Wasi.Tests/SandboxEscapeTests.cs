using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests;

/// <summary>
/// sandbox.wasm tries every way out of its preopen (absolute paths, <c>..</c>, symbolic links to
/// /etc and to a directory outside, links planted by the guest, hard links, renames, truncation,
/// time changes); each attempt must fail with the reference errno and leave the host untouched.
/// </summary>
public sealed class SandboxEscapeTests
{
    private static readonly string[] RefusedEscapes =
    [
        "absolute path /etc/passwd",
        "../ out of the sandbox",
        "sub/../../ out of the sandbox",
        "a symlink to /etc, followed",
        "a relative symlink out, followed",
        "a symlink to .., followed",
        "path_filestat_get out through ..",
        "path_readlink out through ..",
        "creating ../outside/new.txt",
        "creating an absolute path",
        "truncating through ..",
        "mkdir ../escape",
        "rmdir ../outside",
        "unlink ../outside/secret.txt",
        "rename into ../outside",
        "rename from ../outside",
        "hard link of ../outside/secret.txt",
        "hard link to ../outside",
        "set times through ..",
        "an absolute symlink is not created",
        "a symlink to /etc in the middle of a path",
        "reading through an absolute symlink to a directory outside",
        "truncating through an absolute symlink",
        "creating through an absolute symlink",
        "mkdir through an absolute symlink",
        "unlink through an absolute symlink",
        "rename through a symlink to ..",
        "set times through an absolute symlink",
        "a relative symlink that leads out is not created",
        "an escaping symlink not followed is ELOOP",
        "a dangling escape stays refused when creating",
        "following a loop is ELOOP",
    ];

    [Fact]
    public void SandboxProgram_TryingEveryEscape_IsRefusedWithTheReferenceErrnoEachTime()
    {
        using var root = new TempDirectory();
        var (sandbox, _) = Fixtures.CreateEscapeLayout(root);

        var result = RunStrict(sandbox);

        result.Failures.Should().BeEmpty("{0}", result);
        result.ExitCode.Should().Be(0, "{0}", result);
        foreach (var escape in RefusedEscapes)
        {
            result.Lines.Should().Contain($"ok   {escape}", "the program must have tried and been refused: {0}", escape);
        }
    }

    [Fact]
    public void SandboxProgram_TryingEveryEscape_LeavesEverythingOutsideTheSandboxUntouched()
    {
        using var root = new TempDirectory();
        var (sandbox, outside) = Fixtures.CreateEscapeLayout(root);
        var outsideBefore = HostSnapshot.Take(outside);
        var rootEntriesBefore = Directory.GetFileSystemEntries(root.Path).Order().ToList();
        var passwdBefore = File.ReadAllBytes("/etc/passwd");
        var tmpEscapeExisted = File.Exists("/tmp/weir-escape.txt");

        var result = RunStrict(sandbox);

        result.ExitCode.Should().Be(0, "{0}", result);
        HostSnapshot.Take(outside).Should().Equal(outsideBefore, "the secret file must keep its content, size and time, and nothing may be added");
        Directory.GetFileSystemEntries(root.Path).Order().Should().Equal(rootEntriesBefore, "nothing may appear next to the sandbox");
        File.ReadAllBytes("/etc/passwd").Should().Equal(passwdBefore);
        File.Exists("/tmp/weir-escape.txt").Should().Be(tmpEscapeExisted, "an absolute path must not create a host file");
        File.ReadAllText(Path.Combine(sandbox, "file.txt")).Should().Be("inside\n");
        new FileInfo(Path.Combine(sandbox, "outside")).LinkTarget.Should().Be(outside, "the guest must not re-point links");
        File.Exists(Path.Combine(sandbox, "planted")).Should().BeFalse();
        new FileInfo(Path.Combine(sandbox, "planted")).LinkTarget.Should().BeNull("no link that leads out may be planted");
    }

    private static ProgramResult RunStrict(string sandbox) =>
        WeirRunner.Run(new ProgramInvocation(Repository.Program("sandbox"))
        {
            Directories = [(sandbox, "/sandbox", false)],
            Environment = [("WASI_STRICT", "1")],
        });
}
