using System.Collections.Immutable;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasi.FileSystem;
using Weir.Wasi.Tests.Support;

namespace Weir.Wasi.Tests.FileSystem;

/// <summary>
/// Path resolution inside a mount, component by component: what may be reached, and the errno for
/// everything that may not. The tree: root/{file.txt, dir/{inner.txt, deeper/}, links...} next to
/// an outside/ directory.
/// </summary>
public sealed class PathResolverTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _root;
    private readonly Mount _mount;

    public PathResolverTests()
    {
        _root = _temp.CreateDirectory("root");
        var outside = _temp.CreateDirectory("outside");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateDirectory(Path.Combine(_root, "dir", "deeper"));
        File.WriteAllText(Path.Combine(_root, "file.txt"), "file");
        File.WriteAllText(Path.Combine(_root, "dir", "inner.txt"), "inner");
        File.CreateSymbolicLink(Path.Combine(_root, "to-dir"), "dir");
        File.CreateSymbolicLink(Path.Combine(_root, "to-file"), "file.txt");
        File.CreateSymbolicLink(Path.Combine(_root, "dir", "back-up"), "../file.txt");
        File.CreateSymbolicLink(Path.Combine(_root, "chain"), "to-dir/back-up");
        File.CreateSymbolicLink(Path.Combine(_root, "absolute"), outside);
        File.CreateSymbolicLink(Path.Combine(_root, "climbing"), "../outside/secret.txt");
        File.CreateSymbolicLink(Path.Combine(_root, "dir", "deep-climb"), "../../outside");
        File.CreateSymbolicLink(Path.Combine(_root, "self-loop"), "self-loop");
        File.CreateSymbolicLink(Path.Combine(_root, "dangling"), "nowhere");
        _mount = new Mount(_root, "/", isReadOnly: false);
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("file.txt", "file.txt")]
    [InlineData("./dir//inner.txt", "dir/inner.txt")]
    [InlineData("dir/../file.txt", "file.txt")]
    [InlineData("dir/deeper/../../dir/inner.txt", "dir/inner.txt")]
    [InlineData("to-dir/inner.txt", "dir/inner.txt")]
    [InlineData("to-file", "file.txt")]
    [InlineData("chain", "file.txt")]
    [InlineData("dir/", "dir")]
    [InlineData(".", "")]
    [InlineData("dir/..", "")]
    [InlineData("new-file", "new-file")]
    public void Resolve_PathInsideTheMount_LeadsToTheRealEntry(string path, string expected)
    {
        var resolved = PathResolver.Resolve(Root(), path, followFinalSymlink: true);

        string.Join('/', resolved.Components).Should().Be(expected);
        resolved.HostPath.Should().Be(expected.Length == 0 ? _root : Path.Combine(_root, expected));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("../outside/secret.txt")]
    [InlineData("dir/../../outside")]
    [InlineData("absolute/secret.txt")]
    [InlineData("absolute")]
    [InlineData("climbing")]
    [InlineData("dir/deep-climb/secret.txt")]
    public void Resolve_PathLeavingTheMount_IsNotPermitted(string path)
    {
        var resolve = () => PathResolver.Resolve(Root(), path, followFinalSymlink: true);

        resolve.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.NotPermitted);
    }

    [Fact]
    public void Resolve_DotDotAboveASubdirectoryDescriptor_IsNotPermittedEvenInsideTheMount()
    {
        var directory = new DirectoryDescriptor(_mount, ["dir"], RightSets.DirectoryBase, RightSets.DirectoryInheriting, preopenName: null);

        var resolve = () => PathResolver.Resolve(directory, "../file.txt", followFinalSymlink: true);
        var throughLink = () => PathResolver.Resolve(directory, "back-up", followFinalSymlink: true);

        resolve.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.NotPermitted);
        throughLink.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.NotPermitted);
        PathResolver.Resolve(directory, "deeper/..", followFinalSymlink: true).HostPath.Should().Be(Path.Combine(_root, "dir"));
    }

    [Fact]
    public void Resolve_LastComponentNotFollowed_IsTheLinkItself()
    {
        var resolved = PathResolver.Resolve(Root(), "climbing", followFinalSymlink: false);

        resolved.FileType.Should().Be(FileType.SymbolicLink);
        resolved.HostPath.Should().Be(Path.Combine(_root, "climbing"));
    }

    [Theory]
    [InlineData("", (int)Errno.NoEntry)]
    [InlineData("missing/file", (int)Errno.NoEntry)]
    [InlineData("file.txt/more", (int)Errno.NotDirectory)]
    [InlineData("file.txt/", (int)Errno.NotDirectory)]
    [InlineData("to-file/", (int)Errno.NotDirectory)]
    [InlineData("self-loop", (int)Errno.TooManySymbolicLinks)]
    [InlineData("self-loop/x", (int)Errno.TooManySymbolicLinks)]
    [InlineData("dangling/x", (int)Errno.NoEntry)]
    public void Resolve_PathThatCannotBeResolved_FailsWithTheMatchingErrno(string path, int expected)
    {
        var resolve = () => PathResolver.Resolve(Root(), path, followFinalSymlink: true);

        resolve.Should().Throw<WasiErrorException>().Which.Errno.Should().Be((Errno)expected);
    }

    [Fact]
    public void Resolve_DanglingLinkFollowed_LeadsToTheMissingTarget()
    {
        var resolved = PathResolver.Resolve(Root(), "dangling", followFinalSymlink: true);

        resolved.Exists.Should().BeFalse();
        resolved.HostPath.Should().Be(Path.Combine(_root, "nowhere"));
    }

    [Theory]
    [InlineData(new[] { "link" }, "target", true)]
    [InlineData(new[] { "dir", "link" }, "../file.txt", true)]
    [InlineData(new[] { "link" }, "../outside", false)]
    [InlineData(new[] { "dir", "link" }, "../../x", false)]
    [InlineData(new[] { "link" }, "a/../../x", false)]
    [InlineData(new[] { "link" }, "/etc", false)]
    [InlineData(new[] { "link" }, "", false)]
    public void TargetStaysInside_ForALinkTarget_TellsWhetherFollowingItStaysInTheMount(string[] link, string target, bool expected)
    {
        PathResolver.TargetStaysInside(link, target).Should().Be(expected);
    }

    private DirectoryDescriptor Root() =>
        new(_mount, ImmutableArray<string>.Empty, RightSets.DirectoryBase, RightSets.DirectoryInheriting, preopenName: "/");
}
