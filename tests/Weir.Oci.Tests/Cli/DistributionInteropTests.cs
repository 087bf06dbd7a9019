using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Weir.Oci.Content;
using Weir.Oci.Store;
using Weir.Oci.Tests.Support;

namespace Weir.Oci.Tests.Cli;

/// <summary>
/// The weir command against a real CNCF distribution registry (Debian's docker-registry), checked with skopeo.
/// </summary>
public sealed class DistributionInteropTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [ToolTheory("docker-registry", "skopeo")]
    [InlineData("solo")]
    [InlineData("compat")]
    [InlineData("compat-docker")]
    [InlineData("cncf")]
    public async Task PushFile_ToDistribution_SkopeoReadsManifestAndPullIsBitIdentical(string format)
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var module = WasmFixtures.ProxyFilter();
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, module);
        var reference = $"{registry.Host}/filters/add-header:v1";
        var pusher = new WeirCli(directory.Combine("pusher"));

        var push = await pusher.RunAsync("push", file, reference, "--format", format, "--root-id", "add_header", "--json");

        push.ExitCode.Should().Be(0, push.ToString());
        using var pushed = JsonDocument.Parse(push.Output);
        var digest = pushed.RootElement.GetProperty("digest").GetString()!;
        var raw = await ProcessRunner.RunAsync("skopeo", ["inspect", "--raw", $"docker://{reference}", "--tls-verify=false"]);
        raw.ExitCode.Should().Be(0, raw.ToString());
        var served = Encoding.UTF8.GetBytes(raw.Output);
        Digest.Compute(served).Value.Should().Be(digest, "the registry serves exactly the manifest bytes weir pushed");
        served.Should().Equal(File.ReadAllBytes(new LocalStore(pusher.WeirHome).GetBlobPath(Digest.Parse(digest))));

        var puller = new WeirCli(directory.Combine("puller"));
        var output = directory.Combine("pulled.wasm");
        var pull = await puller.RunAsync("pull", reference, "-o", output);

        pull.ExitCode.Should().Be(0, pull.ToString());
        File.ReadAllBytes(output).Should().Equal(module);
    }

    [ToolFact("docker-registry", "skopeo")]
    public async Task PushSolo_ToDistribution_SkopeoReadsRuntimeConfigWithDetectedAbi()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());
        var reference = $"{registry.Host}/filters/add-header:v1";

        var push = await new WeirCli(directory.Combine("home")).RunAsync("push", file, reference, "--root-id", "add_header");
        push.ExitCode.Should().Be(0, push.ToString());

        var config = await ProcessRunner.RunAsync("skopeo", ["inspect", "--raw", "--config", $"docker://{reference}", "--tls-verify=false"]);
        config.Output.Should().Be("""{"type":"envoy_proxy","abiVersions":["v0.2.1"],"config":{"rootIds":["add_header"]}}""");
    }

    [ToolFact("docker-registry")]
    public async Task PushChunked_ThenRetagAndPush_MountsAndPullsIdenticalBytes()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var module = WasmFixtures.LargeModule(300_000);
        var file = directory.Combine("big.wasm");
        await File.WriteAllBytesAsync(file, module);
        var cli = new WeirCli(directory.Combine("home"));
        var first = $"{registry.Host}/team/big:v1";
        var second = $"{registry.Host}/other/big:v1";

        var push = await cli.RunAsync("push", file, first, "--chunk-size", "64KiB", "--json");
        push.ExitCode.Should().Be(0, push.ToString());
        push.Output.Should().Contain("\"uploaded-chunked\"");
        (await cli.RunAsync("tag", first, second)).ExitCode.Should().Be(0);
        var mounted = await cli.RunAsync("push", second, "--json");
        mounted.ExitCode.Should().Be(0, mounted.ToString());
        using (var result = JsonDocument.Parse(mounted.Output))
        {
            result.RootElement.GetProperty("blobs").EnumerateArray().Select(blob => blob.GetProperty("result").GetString()).Should().OnlyContain(state => state == "mounted");
        }

        var output = directory.Combine("out.wasm");
        var pull = await new WeirCli(directory.Combine("other-home")).RunAsync("pull", second, "-o", output);
        pull.ExitCode.Should().Be(0, pull.ToString());
        File.ReadAllBytes(output).Should().Equal(module);
    }

    [ToolFact("docker-registry")]
    [UnsupportedOSPlatform("windows")]
    public async Task Login_BasicAuthRegistry_SavesCredentialsWith0600AndPushUsesThem()
    {
        await using var registry = await DistributionRegistry.StartAsync(withBasicAuth: true);
        var cli = new WeirCli(directory.Combine("home"));
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());

        var anonymous = await cli.RunAsync("push", file, $"{registry.Host}/team/filter:v1");
        anonymous.ExitCode.Should().Be(1);
        anonymous.Error.Should().Contain("401").And.Contain("weir login");

        var wrong = await cli.RunWithInputAsync("nope\n", "login", registry.Host, "-u", "dev", "--password-stdin");
        wrong.ExitCode.Should().Be(1, wrong.ToString());
        File.Exists(Path.Combine(cli.WeirHome, "config.json")).Should().BeFalse();

        var login = await cli.RunWithInputAsync("devpass\n", "login", registry.Host, "-u", "dev", "--password-stdin");
        login.ExitCode.Should().Be(0, login.ToString());
        var credentials = Path.Combine(cli.WeirHome, "config.json");
        File.GetUnixFileMode(credentials).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var push = await cli.RunAsync("push", file, $"{registry.Host}/team/filter:v1");
        push.ExitCode.Should().Be(0, push.ToString());
    }

    [ToolFact("docker-registry")]
    public async Task Pull_WithDockerConfigCredentials_Works()
    {
        await using var registry = await DistributionRegistry.StartAsync(withBasicAuth: true);
        var pusher = new WeirCli(directory.Combine("pusher"));
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());
        (await pusher.RunWithInputAsync("devpass", "push", file, $"{registry.Host}/team/filter:v1", "-u", "dev", "--password-stdin")).ExitCode.Should().Be(0);

        var puller = new WeirCli(directory.Combine("puller"));
        var dockerConfig = directory.Combine("docker-config");
        Directory.CreateDirectory(dockerConfig);
        await File.WriteAllTextAsync(Path.Combine(dockerConfig, "config.json"), "{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"ZGV2OmRldnBhc3M=\"}}}");
        puller.Environment["DOCKER_CONFIG"] = dockerConfig;

        var pull = await puller.RunAsync("pull", $"{registry.Host}/team/filter:v1");

        pull.ExitCode.Should().Be(0, pull.ToString());
    }

    [ToolFact("docker-registry", "skopeo")]
    public async Task Pull_WasmeShapedImageCopiedBySkopeo_IsReadAsSolo()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var layout = directory.Combine("layout");
        var runtimeConfig = Encoding.UTF8.GetBytes("""{"type":"envoy_proxy","abiVersions":["v0-4689a30309abf31aee9ae36e73d34b1bb182685f","v0.2.1"],"config":{"rootIds":["add_header"]}}""");
        var manifest = Encoding.UTF8.GetBytes(Formats.WasmArtifactTests.SoloAsWasmeWritesIt);
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        foreach (var blob in new[] { runtimeConfig, WasmFixtures.EmptyModule, manifest })
        {
            await File.WriteAllBytesAsync(Path.Combine(layout, "blobs", "sha256", Digest.Compute(blob).Encoded), blob);
        }

        await File.WriteAllTextAsync(Path.Combine(layout, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        await File.WriteAllTextAsync(Path.Combine(layout, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{Digest.Compute(manifest)}\",\"size\":{manifest.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"solo\"}}}}]}}");
        var copy = await ProcessRunner.RunAsync("skopeo", ["--insecure-policy", "copy", "--dest-tls-verify=false", $"oci:{layout}:solo", $"docker://{registry.Host}/wasme/filter:v1"]);
        copy.ExitCode.Should().Be(0, copy.ToString());

        var cli = new WeirCli(directory.Combine("home"));
        var pull = await cli.RunAsync("pull", $"{registry.Host}/wasme/filter:v1", "--json");

        pull.ExitCode.Should().Be(0, pull.ToString());
        using var result = JsonDocument.Parse(pull.Output);
        result.RootElement.GetProperty("digest").GetString().Should().Be("sha256:4e1365cbc6306951911c91c471ed57c65c54ae1928677be9af063ecfa5234fc8");
        result.RootElement.GetProperty("format").GetString().Should().Be("solo");
        result.RootElement.GetProperty("rootIds")[0].GetString().Should().Be("add_header");
    }
}
