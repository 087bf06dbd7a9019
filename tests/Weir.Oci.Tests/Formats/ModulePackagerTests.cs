using System.Text;
using System.Text.Json;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Modules;
using Weir.Oci.Tests.Support;

namespace Weir.Oci.Tests.Formats;

public sealed class ModulePackagerTests
{
    [Fact]
    public void Package_DefaultFormat_IsSoloShapedForIstio()
    {
        var module = WasmFixtures.ProxyFilter();
        var package = ModulePackager.Package(module, new PackageOptions { RootIds = ["add_header"] });

        package.Format.Should().Be(ModuleFormat.Solo);
        var manifest = ImageManifest.Parse(package.Manifest.Span);
        manifest.MediaType.Should().Be(MediaTypes.OciManifest);
        manifest.Config.MediaType.Should().Be(MediaTypes.SoloConfig);
        manifest.Config.Title.Should().Be("runtime-config.json");
        manifest.Layers.Should().HaveCount(2, "Istio's fetcher requires exactly two layers for this format");
        manifest.Layers[0].Digest.Should().Be(manifest.Config.Digest);
        manifest.Layers[0].MediaType.Should().Be(MediaTypes.SoloConfig);
        manifest.Layers[1].MediaType.Should().Be(MediaTypes.SoloContentLayer);
        manifest.Layers[1].Digest.Should().Be(Digest.Compute(module));
        manifest.Layers[1].Title.Should().Be("filter.wasm");
        manifest.Annotations.Should().Contain(AnnotationKeys.WasmRuntimeAbiVersion, "v0.2.1").And.Contain(AnnotationKeys.WasmRuntimeType, "envoy_proxy");
        package.Blobs.Should().HaveCount(2, "the repeated config blob is uploaded once");
    }

    [Fact]
    public void Package_Solo_ConfigListsDetectedAbiAndGivenRootIds()
    {
        var package = ModulePackager.Package(WasmFixtures.ProxyFilter(), new PackageOptions { RootIds = ["add_header"] });
        var config = package.Blobs.Single(blob => blob.Descriptor.MediaType == MediaTypes.SoloConfig);

        Encoding.UTF8.GetString(config.Content.Span).Should().Be("""{"type":"envoy_proxy","abiVersions":["v0.2.1"],"config":{"rootIds":["add_header"]}}""");
    }

    [Fact]
    public void Package_SoloOfReferenceExampleA_ReusesTheExactConfigBlob()
    {
        var runtimeConfig = new RuntimeConfig("envoy_proxy", ["v0-4689a30309abf31aee9ae36e73d34b1bb182685f", "v0.2.1"], ["add_header"]);
        var package = ModulePackager.Package(WasmFixtures.EmptyModule, new PackageOptions { RuntimeConfig = runtimeConfig });
        var manifest = ImageManifest.Parse(package.Manifest.Span);

        manifest.Config.Digest.Value.Should().Be("sha256:3910b1646f0d8b897e95d189210ee98b234cdd1c1dd1a1781cb2e0a7fff59690");
        manifest.Config.Size.Should().Be(129);
        manifest.Layers[1].Digest.Value.Should().Be("sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476");
        manifest.Annotations[AnnotationKeys.WasmRuntimeAbiVersion].Should().Be("v0-4689a30309abf31aee9ae36e73d34b1bb182685f,v0.2.1");
    }

    [Fact]
    public void Package_CncfOfReferenceExampleC_IsByteIdentical()
    {
        var package = ModulePackager.Package(WasmFixtures.EmptyModule, new PackageOptions
        {
            Format = ModuleFormat.Cncf,
            Created = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Annotations = new Dictionary<string, string> { [AnnotationKeys.Title] = "add_header" },
        });

        Encoding.UTF8.GetString(package.Blobs[0].Content.Span).Should().Be(
            """{"created":"2025-01-01T00:00:00Z","architecture":"wasm","os":"wasip1","layerDigests":["sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476"]}""");
        package.Blobs[0].Descriptor.Digest.Value.Should().Be("sha256:341af786ddeff7b091b075dbfed830949ca56d20cc84066713b4037ab930da30");
        package.Manifest.Length.Should().Be(429);
        package.ManifestDigest.Value.Should().Be("sha256:859f31379961a91573d3e682ae5253315e0802c2940171a29298e2c5fa981b43");
    }

    [Fact]
    public async Task Package_Compat_HasOneTarGzipLayerWithPluginWasmAndMatchingDiffId()
    {
        var module = WasmFixtures.ProxyFilter();
        var package = ModulePackager.Package(module, new PackageOptions { Format = ModuleFormat.Compat, Created = DateTimeOffset.UnixEpoch, RootIds = ["root"] });
        var manifest = ImageManifest.Parse(package.Manifest.Span);

        manifest.MediaType.Should().Be(MediaTypes.OciManifest);
        manifest.Config.MediaType.Should().Be(MediaTypes.OciImageConfig);
        manifest.Layers.Should().ContainSingle().Which.MediaType.Should().Be(MediaTypes.OciLayerTarGzip);
        manifest.Annotations.Should().Contain(AnnotationKeys.WasmImageVariant, "compat");

        var layer = package.Blobs.Single(blob => blob.Descriptor.MediaType == MediaTypes.OciLayerTarGzip).Content.ToArray();
        using var stream = new MemoryStream(layer);
        var (extracted, runtimeConfig) = await CompatLayer.ExtractAsync(stream, CancellationToken.None);
        extracted.Should().Equal(module);
        RuntimeConfig.Parse(runtimeConfig).RootIds.Should().Equal("root");

        using var config = JsonDocument.Parse(package.Blobs[0].Content);
        config.RootElement.GetProperty("created").GetString().Should().Be("1970-01-01T00:00:00Z");
        config.RootElement.GetProperty("architecture").GetString().Should().Be("wasm");
        config.RootElement.GetProperty("os").GetString().Should().Be("wasip1");
        var diffId = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString();
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(layer), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new MemoryStream();
        await gzip.CopyToAsync(tar);
        diffId.Should().Be(Digest.Compute(tar.ToArray()).Value);
    }

    [Fact]
    public void Package_CompatDocker_WritesDockerManifestInDockerMemberOrder()
    {
        var package = ModulePackager.Package(WasmFixtures.ProxyFilter(), new PackageOptions { Format = ModuleFormat.CompatDocker });
        var text = Encoding.UTF8.GetString(package.Manifest.Span);

        package.ManifestMediaType.Should().Be(MediaTypes.DockerManifest);
        text.Should().StartWith("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":""");
        text.Should().Contain(MediaTypes.DockerLayerTarGzip).And.NotContain("annotations");
    }

    [Fact]
    public void Package_Component_IsRefusedWithReason()
    {
        var package = () => ModulePackager.Package(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00 });
        package.Should().Throw<NotSupportedException>().WithMessage("*component*");
    }

    [Fact]
    public void Package_Garbage_IsRefusedAsInvalidWasm()
    {
        var package = () => ModulePackager.Package("not wasm at all"u8.ToArray());
        package.Should().Throw<InvalidWasmModuleException>();
    }

    [Fact]
    public void ParseWritable_UnknownName_ListsChoices()
    {
        var parse = () => ModuleFormats.ParseWritable("zip");
        parse.Should().Throw<FormatException>().WithMessage("*solo, compat, compat-docker, cncf*");
        ModuleFormats.ParseWritable("compat-docker").Should().Be(ModuleFormat.CompatDocker);
    }
}
