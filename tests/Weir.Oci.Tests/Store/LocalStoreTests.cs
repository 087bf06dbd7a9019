using System.Text;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Store;
using Weir.Oci.Tests.Formats;
using Weir.Oci.Tests.Support;

namespace Weir.Oci.Tests.Store;

public sealed class LocalStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly LocalStore store;

    public LocalStoreTests()
    {
        store = new LocalStore(directory.Path);
    }

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData(ModuleFormat.Solo)]
    [InlineData(ModuleFormat.Compat)]
    [InlineData(ModuleFormat.CompatDocker)]
    [InlineData(ModuleFormat.Cncf)]
    public async Task ResolveModule_EveryWrittenFormat_GivesTheOriginalBytes(ModuleFormat format)
    {
        var module = WasmFixtures.ProxyFilter();
        var reference = Reference.Parse("localhost:5000/filters/add-header:v1");
        await store.AddModuleAsync(module, reference, new PackageOptions { Format = format, RootIds = ["add_header"] });

        var resolved = await store.ResolveModuleAsync(reference);

        resolved.Format.Should().Be(format);
        (await resolved.ReadModuleAsync()).Should().Equal(module);
        File.ReadAllBytes(resolved.ModulePath).Should().Equal(module);
        resolved.ModuleDigest.Should().Be(Digest.Compute(module));
        resolved.ModuleSize.Should().Be(module.Length);
        if (format != ModuleFormat.Cncf)
        {
            resolved.RuntimeConfig!.AbiVersions.Should().Equal("v0.2.1");
            resolved.RuntimeConfig.RootIds.Should().Equal("add_header");
        }
    }

    [Fact]
    public async Task Layout_IsAnOciImageLayoutWithRefNames()
    {
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), Reference.Parse("localhost:5000/a:1"));

        File.ReadAllText(directory.Combine("oci-layout")).Should().Be("{\"imageLayoutVersion\":\"1.0.0\"}");
        var index = ImageIndex.Parse(File.ReadAllBytes(directory.Combine("index.json")));
        index.Manifests.Should().ContainSingle().Which.Annotations[AnnotationKeys.RefName].Should().Be("localhost:5000/a:1");
        File.Exists(directory.Combine("blobs", "sha256", index.Manifests[0].Digest.Encoded)).Should().BeTrue();
    }

    [Fact]
    public async Task PutBlob_WrongDigest_IsRejectedAndNothingStored()
    {
        var claimed = Digest.Compute("expected"u8);
        var put = async () => await store.PutBlobAsync("tampered"u8.ToArray(), claimed);

        await put.Should().ThrowAsync<DigestMismatchException>();
        store.Contains(claimed).Should().BeFalse();
        Directory.GetFiles(store.TempDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task PutBlob_StreamWithExpectedDigestMismatch_LeavesNoFiles()
    {
        var claimed = Digest.Compute("expected"u8);
        using var content = new MemoryStream("tampered"u8.ToArray());
        var put = async () => await store.PutBlobAsync(content, claimed);

        await put.Should().ThrowAsync<DigestMismatchException>();
        store.Contains(claimed).Should().BeFalse();
        Directory.GetFiles(store.TempDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitPartialDownload_CorruptFile_IsDeletedSoTheNextPullStartsOver()
    {
        var digest = Digest.Compute("the real content"u8);
        await File.WriteAllTextAsync(store.GetPartialDownloadPath(digest), "the fake content");

        var commit = async () => await store.CommitPartialDownloadAsync(digest);

        await commit.Should().ThrowAsync<DigestMismatchException>();
        File.Exists(store.GetPartialDownloadPath(digest)).Should().BeFalse();
        store.Contains(digest).Should().BeFalse();
    }

    [Fact]
    public async Task Tag_CopiesReferenceAndListShowsBoth()
    {
        var source = Reference.Parse("localhost:5000/a:1");
        var added = await store.AddModuleAsync(WasmFixtures.ProxyFilter(), source);

        store.Tag(source, Reference.Parse("hub.example/team/b:2"));

        var list = store.List();
        list.Select(entry => entry.Reference.ToString()).Should().Equal("hub.example/team/b:2", "localhost:5000/a:1");
        list.Should().OnlyContain(entry => entry.Manifest.Digest == added.Manifest.Digest);
        list.Should().OnlyContain(entry => entry.Created > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void Tag_UnknownSource_SaysSo()
    {
        var tag = () => store.Tag(Reference.Parse("localhost/none:1"), Reference.Parse("localhost/x:1"));
        tag.Should().Throw<StoreEntryNotFoundException>().WithMessage("*localhost/none:1*not in the local store*");
    }

    [Fact]
    public async Task SetReference_SameNameTwice_ReplacesTheEntry()
    {
        var reference = Reference.Parse("localhost:5000/a:1");
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);
        var second = await store.AddModuleAsync(WasmFixtures.ProxyFilter("proxy_abi_version_0_1_0"), reference);

        store.List().Should().ContainSingle().Which.Manifest.Digest.Should().Be(second.Manifest.Digest);
        (await store.ResolveModuleAsync(reference)).RuntimeConfig!.AbiVersions.Should().Equal("v0.1.0");
    }

    [Fact]
    public async Task Find_ByDigestOnly_MatchesTheStoredManifest()
    {
        var added = await store.AddModuleAsync(WasmFixtures.ProxyFilter(), Reference.Parse("localhost:5000/a:1"));

        var found = store.Find(Reference.Parse($"localhost:5000/a@{added.Manifest.Digest}"));

        found.Should().NotBeNull();
        found!.Manifest.Digest.Should().Be(added.Manifest.Digest);
        (await store.ResolveModuleAsync(Reference.Parse($"localhost:5000/a@{added.Manifest.Digest}"))).ModuleDigest
            .Should().Be(Digest.Compute(WasmFixtures.ProxyFilter()));
    }

    [Fact]
    public async Task Find_TagWithOtherDigest_DoesNotMatch()
    {
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), Reference.Parse("localhost:5000/a:1"));
        store.Find(Reference.Parse($"localhost:5000/a:1@{Digest.Compute("other"u8)}")).Should().BeNull();
    }

    [Fact]
    public async Task ResolveModule_StoredWasmeManifestWithoutMediaType_UsesRecordedType()
    {
        var runtimeConfig = Encoding.UTF8.GetBytes("""{"type":"envoy_proxy","abiVersions":["v0-4689a30309abf31aee9ae36e73d34b1bb182685f","v0.2.1"],"config":{"rootIds":["add_header"]}}""");
        var manifest = Encoding.UTF8.GetBytes(WasmArtifactTests.SoloAsWasmeWritesIt);
        await store.PutBlobAsync(runtimeConfig, Digest.Compute(runtimeConfig));
        await store.PutBlobAsync(WasmFixtures.EmptyModule, Digest.Compute(WasmFixtures.EmptyModule));
        await store.PutBlobAsync(manifest, Digest.Compute(manifest));
        var reference = Reference.Parse("localhost/wasme/filter:v1");
        store.SetReference(reference, new Descriptor(MediaTypes.OciManifest, Digest.Compute(manifest), manifest.Length));

        var module = await store.ResolveModuleAsync(reference);

        module.Format.Should().Be(ModuleFormat.Solo);
        module.RuntimeConfig!.RootIds.Should().Equal("add_header");
        (await module.ReadModuleAsync()).Should().Equal(WasmFixtures.EmptyModule);
    }

    [Fact]
    public async Task ResolveModule_MissingReference_PointsToWeirList()
    {
        var resolve = async () => await store.ResolveModuleAsync(Reference.Parse("localhost/none:1"));
        await resolve.Should().ThrowAsync<StoreEntryNotFoundException>().WithMessage("*weir list*");
    }

    [Fact]
    public async Task SetReference_ConcurrentWriters_LoseNoEntries()
    {
        var added = await store.AddModuleAsync(WasmFixtures.ProxyFilter(), Reference.Parse("localhost/base:1"));
        var descriptor = new Descriptor(added.Manifest.MediaType, added.Manifest.Digest, added.Manifest.Size);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => new LocalStore(directory.Path).SetReference(Reference.Parse($"localhost/r{i}:1"), descriptor))));

        store.List().Should().HaveCount(17);
    }

    [Fact]
    public async Task RemoveReference_DropsOnlyThatEntry()
    {
        var blob = "{}"u8.ToArray();
        var digest = Digest.Compute(blob);
        await store.PutBlobAsync(blob, digest);
        store.SetReference(Reference.Parse("localhost/a:1"), new Descriptor(MediaTypes.OciManifest, digest, 2));
        store.SetReference(Reference.Parse("localhost/a:2"), new Descriptor(MediaTypes.OciManifest, digest, 2));

        store.RemoveReference(Reference.Parse("localhost/a:1")).Should().BeTrue();
        store.RemoveReference(Reference.Parse("localhost/a:1")).Should().BeFalse();
        store.List().Select(entry => entry.Reference.Tag).Should().Equal("2");
        store.Contains(digest).Should().BeTrue();
    }
}
