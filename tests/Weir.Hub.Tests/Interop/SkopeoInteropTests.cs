using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Interop;

/// <summary>
/// A real client against a real (Kestrel) hub: skopeo copies Wasm modules from an OCI layout into the
/// hub and back out, through the token flow, and the bytes must come back identical.
/// </summary>
public sealed class SkopeoInteropTests
{
    [SkopeoFact]
    public async Task Skopeo_CopyInAndOut_ByTagAndByDigest_IsBitIdentical()
    {
        var skopeo = ExternalTool.Require("skopeo", "apt-get install -y skopeo");
        using var work = new TemporaryDirectory("weir-skopeo");
        await using var hub = await TestHub.StartAsync(kestrel: true);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push);
        var source = Path.Combine(work.Path, "source");
        var module = OciContent.WasmModule("skopeo interop").Concat(Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31))).ToArray();
        var (cncf, solo) = OciLayout.WriteModule(source, module);
        var registry = $"docker://{hub.Authority}/alice/filter";

        await SkopeoOkAsync(skopeo, work, "copy", "--preserve-digests", "--dest-tls-verify=false", "--dest-creds", $"alice:{secret}", $"oci:{source}:cncf", $"{registry}:v1");
        await SkopeoOkAsync(skopeo, work, "copy", "--preserve-digests", "--dest-tls-verify=false", "--dest-creds", $"alice:{secret}", $"oci:{source}:solo", $"{registry}:solo");

        var byTag = Path.Combine(work.Path, "by-tag");
        var byDigest = Path.Combine(work.Path, "by-digest");
        await SkopeoOkAsync(skopeo, work, "copy", "--preserve-digests", "--src-tls-verify=false", "--src-creds", $"alice:{secret}", $"{registry}:v1", $"oci:{byTag}:v1");
        await SkopeoOkAsync(skopeo, work, "copy", "--preserve-digests", "--src-tls-verify=false", "--src-creds", $"alice:{secret}", $"{registry}@{solo}", $"oci:{byDigest}:pinned");

        OciLayout.ManifestDigest(byTag, "v1").Should().Be(cncf);
        OciLayout.ManifestDigest(byDigest, "pinned").Should().Be(solo);
        var original = OciLayout.Blobs(source);
        foreach (var (digest, bytes) in OciLayout.Blobs(byTag).Concat(OciLayout.Blobs(byDigest)))
        {
            original.Should().ContainKey(digest);
            bytes.Should().Equal(original[digest], $"{digest} must come back bit-identical");
        }

        OciLayout.Blobs(byTag).Keys.Should().Contain(TestHub.DigestOf(module));
        OciLayout.ReadBlob(byDigest, TestHub.DigestOf(module)).Should().Equal(module);
    }

    [SkopeoFact]
    public async Task Skopeo_ListTagsAndInspectRaw_SeeWhatWasPushed()
    {
        var skopeo = ExternalTool.Require("skopeo", "apt-get install -y skopeo");
        using var work = new TemporaryDirectory("weir-skopeo");
        await using var hub = await TestHub.StartAsync(kestrel: true);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push);
        var source = Path.Combine(work.Path, "source");
        var (cncf, _) = OciLayout.WriteModule(source, OciContent.WasmModule("inspect"));
        var registry = $"docker://{hub.Authority}/alice/filter";
        await SkopeoOkAsync(skopeo, work, "copy", "--dest-tls-verify=false", "--dest-creds", $"alice:{secret}", $"oci:{source}:cncf", $"{registry}:v1");

        var tags = await SkopeoAsync(skopeo, work, "list-tags", "--tls-verify=false", "--creds", $"alice:{secret}", registry);
        var raw = await SkopeoAsync(skopeo, work, "inspect", "--raw", "--tls-verify=false", "--creds", $"alice:{secret}", $"{registry}:v1");

        tags.ExitCode.Should().Be(0, tags.ToString());
        tags.Output.Should().Contain("\"v1\"");
        raw.ExitCode.Should().Be(0, raw.ToString());
        TestHub.DigestOf(System.Text.Encoding.UTF8.GetBytes(raw.Output.TrimEnd('\n'))).Should().Be(cncf);
    }

    [SkopeoFact]
    public async Task Skopeo_RegistryToRegistryCopy_MountsBlobsInsteadOfUploadingThemAgain()
    {
        var skopeo = ExternalTool.Require("skopeo", "apt-get install -y skopeo");
        using var work = new TemporaryDirectory("weir-skopeo");
        await using var hub = await TestHub.StartAsync(kestrel: true);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push);
        var source = Path.Combine(work.Path, "source");
        var module = OciContent.WasmModule("mounted");
        var (cncf, _) = OciLayout.WriteModule(source, module);
        await SkopeoOkAsync(skopeo, work, "copy", "--dest-tls-verify=false", "--dest-creds", $"alice:{secret}", $"oci:{source}:cncf", $"docker://{hub.Authority}/alice/a:v1");
        var filesBefore = hub.BlobFiles().Count;

        var copy = await SkopeoOkAsync(
            skopeo, work, "--debug", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds", $"alice:{secret}", "--dest-creds", $"alice:{secret}",
            $"docker://{hub.Authority}/alice/a:v1", $"docker://{hub.Authority}/alice/b:v1");

        copy.Error.Should().Contain("mount OK");
        hub.BlobFiles().Count.Should().Be(filesBefore);
        using var client = hub.CreateClient("alice", secret);
        (await client.GetByteArrayAsync($"/v2/alice/b/blobs/{TestHub.DigestOf(module)}")).Should().Equal(module);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/alice/b/manifests/v1"));
        head.Headers.GetValues("Docker-Content-Digest").Single().Should().Be(cncf);
    }

    [SkopeoFact]
    public async Task Skopeo_PullOfAPublicRepository_WorksAnonymously_PushWithoutCredentialsFails()
    {
        var skopeo = ExternalTool.Require("skopeo", "apt-get install -y skopeo");
        using var work = new TemporaryDirectory("weir-skopeo");
        await using var hub = await TestHub.StartAsync(kestrel: true);
        var secret = await hub.CreateTokenAsync("alice", AccessScopes.Pull | AccessScopes.Push);
        var source = Path.Combine(work.Path, "source");
        var (cncf, _) = OciLayout.WriteModule(source, OciContent.WasmModule("public"));
        var registry = $"docker://{hub.Authority}/alice/public";
        await SkopeoOkAsync(skopeo, work, "copy", "--dest-tls-verify=false", "--dest-creds", $"alice:{secret}", $"oci:{source}:cncf", $"{registry}:v1");
        await hub.Metadata.SetRepositoryVisibilityAsync("alice/public", true, CancellationToken.None);

        var pulled = Path.Combine(work.Path, "pulled");
        var anonymousPull = await SkopeoAsync(skopeo, work, "copy", "--src-tls-verify=false", $"{registry}:v1", $"oci:{pulled}:v1");
        var anonymousPush = await SkopeoAsync(skopeo, work, "copy", "--dest-tls-verify=false", $"oci:{source}:solo", $"{registry}:solo");

        anonymousPull.ExitCode.Should().Be(0, anonymousPull.ToString());
        OciLayout.ManifestDigest(pulled, "v1").Should().Be(cncf);
        anonymousPush.ExitCode.Should().NotBe(0);
        anonymousPush.Error.Should().Contain("unauthorized");
    }

    /// <summary>Runs skopeo and fails the test with its output unless it succeeds.</summary>
    private static async Task<ProcessResult> SkopeoOkAsync(string skopeo, TemporaryDirectory work, params string[] arguments)
    {
        var result = await SkopeoAsync(skopeo, work, arguments);
        result.ExitCode.Should().Be(0, $"skopeo {string.Join(' ', arguments)} should succeed: {result}");
        return result;
    }

    private static Task<ProcessResult> SkopeoAsync(string skopeo, TemporaryDirectory work, params string[] arguments)
    {
        // A private HOME keeps skopeo's blob-info cache and auth files out of the user's.
        var home = Path.Combine(work.Path, "home");
        Directory.CreateDirectory(home);
        return ProcessRunner.RunAsync(
            skopeo,
            ["--insecure-policy", .. arguments],
            new Dictionary<string, string> { ["HOME"] = home, ["XDG_RUNTIME_DIR"] = home },
            TimeSpan.FromMinutes(2));
    }
}
