using System.Text;
using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Oci.Tests.Formats;

/// <summary>Manifests built from the reference's worked examples (oci-wasm.md §1), one per format Weir reads.</summary>
public sealed class WasmArtifactTests
{
    private const string Module = "sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476";

    // Example A: exactly as wasme writes it, without a mediaType member.
    internal const string SoloAsWasmeWritesIt = """{"schemaVersion":2,"config":{"mediaType":"application/vnd.module.wasm.config.v1+json","digest":"sha256:3910b1646f0d8b897e95d189210ee98b234cdd1c1dd1a1781cb2e0a7fff59690","size":129,"annotations":{"org.opencontainers.image.title":"runtime-config.json"}},"layers":[{"mediaType":"application/vnd.module.wasm.config.v1+json","digest":"sha256:3910b1646f0d8b897e95d189210ee98b234cdd1c1dd1a1781cb2e0a7fff59690","size":129,"annotations":{"org.opencontainers.image.title":"runtime-config.json"}},{"mediaType":"application/vnd.module.wasm.content.layer.v1+wasm","digest":"sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476","size":8,"annotations":{"org.opencontainers.image.title":"filter.wasm"}}],"annotations":{"module.wasm.runtime/abi_version":"v0-4689a30309abf31aee9ae36e73d34b1bb182685f,v0.2.1","module.wasm.runtime/type":"envoy_proxy"}}""";

    // Example B.
    internal const string CompatOci = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:56be12947a1f7554f0ec60e6a006c44c4d9c65016fa7c56b4d9521b2884718e0","size":196},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:352ffb0eda8c4d02f4494ba8cd8618a73bb9f1b997e23733770ac6c665d36fe9","size":248}],"annotations":{"module.wasm.image/variant":"compat"}}""";

    // Example B′, exact bytes from the reference.
    internal const string CompatDocker = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":196,"digest":"sha256:56be12947a1f7554f0ec60e6a006c44c4d9c65016fa7c56b4d9521b2884718e0"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":248,"digest":"sha256:352ffb0eda8c4d02f4494ba8cd8618a73bb9f1b997e23733770ac6c665d36fe9"}]}""";

    // Example C.
    internal const string Cncf = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.wasm.config.v0+json","digest":"sha256:341af786ddeff7b091b075dbfed830949ca56d20cc84066713b4037ab930da30","size":161},"layers":[{"mediaType":"application/wasm","digest":"sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476","size":8}],"annotations":{"org.opencontainers.image.title":"add_header"}}""";

    // Example D.
    internal const string WasmToOci = """{"schemaVersion":2,"config":{"mediaType":"application/vnd.wasm.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[{"mediaType":"application/vnd.wasm.content.layer.v1+wasm","digest":"sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476","size":8,"annotations":{"org.opencontainers.image.title":"module.wasm"}}]}""";

    [Fact]
    public void Classify_SoloWithoutMediaTypeMember_UsesContentTypeAndFindsModuleAndRuntimeConfig()
    {
        var bytes = Encoding.UTF8.GetBytes(SoloAsWasmeWritesIt);
        Digest.Compute(bytes).Value.Should().Be("sha256:4e1365cbc6306951911c91c471ed57c65c54ae1928677be9af063ecfa5234fc8", "this is the reference's exact example A");

        var artifact = WasmArtifact.Classify(ImageManifest.Parse(bytes), MediaTypes.OciManifest);

        artifact.Format.Should().Be(ModuleFormat.Solo);
        artifact.ModuleLayer.Digest.Value.Should().Be(Module);
        artifact.ModuleIsArchived.Should().BeFalse();
        artifact.RuntimeConfig!.Digest.Value.Should().Be("sha256:3910b1646f0d8b897e95d189210ee98b234cdd1c1dd1a1781cb2e0a7fff59690");
    }

    [Fact]
    public void Classify_SoloWithConfigOnlyAsLayer_FindsRuntimeConfigLayer()
    {
        var json = SoloAsWasmeWritesIt.Replace("\"config\":{\"mediaType\":\"application/vnd.module.wasm.config.v1+json\"", "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\"", StringComparison.Ordinal);
        var artifact = WasmArtifact.Classify(ImageManifest.Parse(Encoding.UTF8.GetBytes(json)));

        artifact.Format.Should().Be(ModuleFormat.Solo);
        artifact.RuntimeConfig!.MediaType.Should().Be(MediaTypes.SoloConfig);
    }

    [Fact]
    public void Classify_CompatOci_TakesLastTarGzipLayer()
    {
        var artifact = WasmArtifact.Classify(ImageManifest.Parse(Encoding.UTF8.GetBytes(CompatOci)));

        artifact.Format.Should().Be(ModuleFormat.Compat);
        artifact.ModuleIsArchived.Should().BeTrue();
        artifact.ModuleLayer.Digest.Value.Should().Be("sha256:352ffb0eda8c4d02f4494ba8cd8618a73bb9f1b997e23733770ac6c665d36fe9");
    }

    [Fact]
    public void Classify_CompatDockerExactBytes_IsDockerFlavour()
    {
        var bytes = Encoding.UTF8.GetBytes(CompatDocker);
        Digest.Compute(bytes).Value.Should().Be("sha256:def6b31f05d38fe24936e961ae2d8a4364e31206c3a6cd1114ed25c2b980d125");

        var artifact = WasmArtifact.Classify(ImageManifest.Parse(bytes));

        artifact.Format.Should().Be(ModuleFormat.CompatDocker);
        artifact.ModuleLayer.MediaType.Should().Be(MediaTypes.DockerLayerTarGzip);
    }

    [Fact]
    public void Classify_CompatWithMetadataLayersFirst_UsesTheLastLayer()
    {
        var json = CompatOci.Replace("\"layers\":[", "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:" + new string('1', 64) + "\",\"size\":10},", StringComparison.Ordinal);
        var artifact = WasmArtifact.Classify(ImageManifest.Parse(Encoding.UTF8.GetBytes(json)));

        artifact.Format.Should().Be(ModuleFormat.Compat);
        artifact.ModuleLayer.Size.Should().Be(248);
    }

    [Fact]
    public void Classify_Cncf_TakesTheSingleApplicationWasmLayer()
    {
        var bytes = Encoding.UTF8.GetBytes(Cncf);
        Digest.Compute(bytes).Value.Should().Be("sha256:859f31379961a91573d3e682ae5253315e0802c2940171a29298e2c5fa981b43");

        var artifact = WasmArtifact.Classify(ImageManifest.Parse(bytes));

        artifact.Format.Should().Be(ModuleFormat.Cncf);
        artifact.ModuleLayer.MediaType.Should().Be(MediaTypes.Wasm);
        artifact.ModuleLayer.Digest.Value.Should().Be(Module);
    }

    [Fact]
    public void Classify_CncfWithTwoLayers_IsRejected()
    {
        var json = Cncf.Replace("\"size\":8}]", "\"size\":8},{\"mediaType\":\"application/wasm\",\"digest\":\"" + Module + "\",\"size\":8}]", StringComparison.Ordinal);
        var classify = () => WasmArtifact.Classify(ImageManifest.Parse(Encoding.UTF8.GetBytes(json)));
        classify.Should().Throw<FormatException>().WithMessage("*exactly one layer*found 2*");
    }

    [Fact]
    public void Classify_WasmToOci_TakesTheContentLayer()
    {
        var bytes = Encoding.UTF8.GetBytes(WasmToOci);
        Digest.Compute(bytes).Value.Should().Be("sha256:6eb49ece24ccf6eecb04888e4c80685e152eee6ab39336a5ad9b03c4aaf69497");

        var artifact = WasmArtifact.Classify(ImageManifest.Parse(bytes), MediaTypes.OciManifest);

        artifact.Format.Should().Be(ModuleFormat.WasmToOci);
        artifact.ModuleLayer.Title.Should().Be("module.wasm");
    }

    [Fact]
    public void Classify_BytecodeAllianceComponentLayer_IsReadAsRawModule()
    {
        var json = $$"""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[{"mediaType":"application/vnd.bytecodealliance.wasm.component.layer.v0+wasm","digest":"{{Module}}","size":8}]}""";
        var artifact = WasmArtifact.Classify(ImageManifest.Parse(Encoding.UTF8.GetBytes(json)));

        artifact.Format.Should().Be(ModuleFormat.RawComponentLayer);
        artifact.ModuleIsArchived.Should().BeFalse();
    }

    [Fact]
    public void Classify_OrdinaryLinuxImage_IsNotAModule()
    {
        var json = $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Module}}","size":8},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"{{Module}}","size":8}]}""";
        var classify = () => WasmArtifact.Classify(ImageManifest.Parse(Encoding.UTF8.GetBytes(json)));
        classify.Should().Throw<FormatException>().WithMessage("*no Wasm module*tar+zstd*");
    }

    [Fact]
    public void SelectWasmManifest_IndexWithWasmPlatform_PicksIt()
    {
        var json = $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{new string('a', 64)}}}","size":1,"platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{new string('b', 64)}}}","size":2,"platform":{"architecture":"wasm","os":"wasip1"}}]}""";
        ImageIndex.Parse(Encoding.UTF8.GetBytes(json)).SelectWasmManifest().Size.Should().Be(2);
    }

    [Fact]
    public void SelectWasmManifest_IndexOfOtherPlatforms_RefusesToGuess()
    {
        var json = $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{new string('a', 64)}}}","size":1,"platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{new string('b', 64)}}}","size":2,"platform":{"architecture":"arm64","os":"linux"}}]}""";
        var select = () => ImageIndex.Parse(Encoding.UTF8.GetBytes(json)).SelectWasmManifest();
        select.Should().Throw<InvalidOperationException>().WithMessage("*linux/amd64, linux/arm64*");
    }

    [Theory]
    [InlineData("""{"schemaVersion":1}""", "schemaVersion")]
    [InlineData("""{"schemaVersion":2,"layers":[]}""", "'config' descriptor is missing")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:1","size":1}}""", "not a valid digest")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476","size":-1}}""", "non-negative")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{""", "not valid JSON")]
    public void Parse_BrokenManifest_NamesTheProblem(string json, string problem)
    {
        var parse = () => ImageManifest.Parse(Encoding.UTF8.GetBytes(json));
        parse.Should().Throw<FormatException>().WithMessage($"*{problem}*");
    }
}
