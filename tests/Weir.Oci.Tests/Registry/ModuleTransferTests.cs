using System.Net;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Registry;
using Weir.Oci.Registry.Authentication;
using Weir.Oci.Store;
using Weir.Oci.Tests.Support;
using Weir.Oci.Transfers;

namespace Weir.Oci.Tests.Registry;

public sealed class ModuleTransferTests : IDisposable
{
    private readonly TempDirectory pushSide = new();
    private readonly TempDirectory pullSide = new();

    public void Dispose()
    {
        pushSide.Dispose();
        pullSide.Dispose();
    }

    [Theory]
    [InlineData(ModuleFormat.Solo)]
    [InlineData(ModuleFormat.Compat)]
    [InlineData(ModuleFormat.CompatDocker)]
    [InlineData(ModuleFormat.Cncf)]
    public async Task PushThenPull_Anonymous_GivesIdenticalModuleAndManifest(ModuleFormat format)
    {
        using var registry = new FakeRegistry();
        var module = WasmFixtures.ProxyFilter();
        var reference = Reference.Parse($"{FakeRegistry.Host}/filters/add-header:v1");
        var source = new LocalStore(pushSide.Path);
        var stored = await source.AddModuleAsync(module, reference, new PackageOptions { Format = format });

        using var client = new RegistryClient(handler: registry);
        var pushed = await new ModuleTransfer(source, client).PushAsync(reference);
        var pulled = await new ModuleTransfer(new LocalStore(pullSide.Path), client).PullAsync(reference);

        pushed.Manifest.Digest.Should().Be(stored.Manifest.Digest);
        registry.GetManifest("filters/add-header", "v1").Should().Equal(File.ReadAllBytes(source.GetBlobPath(stored.Manifest.Digest)));
        pulled.Manifest.Digest.Should().Be(stored.Manifest.Digest);
        pulled.Module.Format.Should().Be(format);
        (await pulled.Module.ReadModuleAsync()).Should().Equal(module);
    }

    [Fact]
    public async Task Push_BearerRegistry_FollowsChallengeWithServiceAndScopeAndReusesToken()
    {
        using var registry = new FakeRegistry { Auth = FakeRegistry.AuthMode.Bearer };
        registry.Users["dev"] = "devpass";
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);

        using var client = new RegistryClient(new RegistryClientOptions { Credential = RegistryCredential.FromPassword("dev", "devpass") }, registry);
        await new ModuleTransfer(store, client).PushAsync(reference);

        registry.GetManifest("team/filter", "v1").Should().NotBeNull();
        client.TokensFetched.Should().Be(1, "one token for repository:team/filter:pull,push serves the whole push");
        registry.TokenRequests.Should().ContainSingle().Which
            .Should().StartWith("GET ").And.Contain("service=registry.test").And.Contain("scope=repository%3Ateam%2Ffilter%3Apull%2Cpush").And.Contain("account=dev");
    }

    [Fact]
    public async Task Push_IdentityToken_UsesOAuthPostFlow()
    {
        using var registry = new FakeRegistry { Auth = FakeRegistry.AuthMode.Bearer };
        registry.RefreshTokens["refresh-for-dev"] = "dev";
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);

        using var client = new RegistryClient(new RegistryClientOptions { Credential = new RegistryCredential { IdentityToken = "refresh-for-dev" } }, registry);
        await new ModuleTransfer(store, client).PushAsync(reference);

        registry.GetManifest("team/filter", "v1").Should().NotBeNull();
        registry.TokenRequests.Should().ContainSingle().Which.Should().StartWith("POST ").And.Contain("grant_type=refresh_token").And.Contain("scope=repository%3Ateam%2Ffilter%3Apull%2Cpush");
    }

    [Fact]
    public async Task Pull_RegistryIgnoringRange_RestartsTheDownloadFromZero()
    {
        using var registry = new FakeRegistry();
        var module = WasmFixtures.LargeModule(50_000);
        var reference = Reference.Parse($"{FakeRegistry.Host}/big/filter:v1");
        var source = new LocalStore(pushSide.Path);
        await source.AddModuleAsync(module, reference);
        using var client = new RegistryClient(handler: registry);
        await new ModuleTransfer(source, client).PushAsync(reference);
        var target = new LocalStore(pullSide.Path);
        var moduleDigest = Digest.Compute(module);
        await File.WriteAllBytesAsync(target.GetPartialDownloadPath(moduleDigest), new byte[20_000]);
        registry.Intercept = request => request.Headers.Range is null
            ? null
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(module) };

        var pulled = await new ModuleTransfer(target, client).PullAsync(reference);

        (await pulled.Module.ReadModuleAsync()).Should().Equal(module);
    }

    [Fact]
    public async Task Pull_BearerRegistryAnonymously_GetsPullOnlyToken()
    {
        using var registry = new FakeRegistry { Auth = FakeRegistry.AuthMode.Bearer };
        registry.Users["dev"] = "devpass";
        var reference = Reference.Parse($"{FakeRegistry.Host}/public/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);
        using (var pusher = new RegistryClient(new RegistryClientOptions { Credential = RegistryCredential.FromPassword("dev", "devpass") }, registry))
        {
            await new ModuleTransfer(store, pusher).PushAsync(reference);
        }

        using var anonymous = new RegistryClient(handler: registry);
        var pulled = await new ModuleTransfer(new LocalStore(pullSide.Path), anonymous).PullAsync(reference);

        (await pulled.Module.ReadModuleAsync()).Should().Equal(WasmFixtures.ProxyFilter());
        anonymous.TokensFetched.Should().Be(1);
    }

    [Fact]
    public async Task Push_BearerRegistryAnonymously_FailsWithLoginHint()
    {
        using var registry = new FakeRegistry { Auth = FakeRegistry.AuthMode.Bearer };
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);

        using var client = new RegistryClient(handler: registry);
        var push = async () => await new ModuleTransfer(store, client).PushAsync(reference);

        (await push.Should().ThrowAsync<RegistryException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Push_BearerRegistryWrongPassword_SaysTheTokenServiceRefused()
    {
        using var registry = new FakeRegistry { Auth = FakeRegistry.AuthMode.Bearer };
        registry.Users["dev"] = "devpass";
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);

        using var client = new RegistryClient(new RegistryClientOptions { Credential = RegistryCredential.FromPassword("dev", "wrong") }, registry);
        var push = async () => await new ModuleTransfer(store, client).PushAsync(reference);

        await push.Should().ThrowAsync<RegistryException>().WithMessage("*token service*refused*");
    }

    [Fact]
    public async Task Push_BasicRegistry_SendsCredentialsFromDockerConfig()
    {
        using var registry = new FakeRegistry { Auth = FakeRegistry.AuthMode.Basic };
        registry.Users["dev"] = "devpass";
        var dockerConfig = pushSide.Combine("docker-config.json");
        await File.WriteAllTextAsync(dockerConfig, "{\"auths\":{\"" + FakeRegistry.Host + "\":{\"auth\":\"ZGV2OmRldnBhc3M=\"}}}");
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/filter:v1");
        var store = new LocalStore(pushSide.Combine("store"));
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);

        var credentials = new CredentialStore(pushSide.Combine("weir-config.json"), dockerConfig);
        using var client = new RegistryClient(new RegistryClientOptions { CredentialStore = credentials }, registry);
        await new ModuleTransfer(store, client).PushAsync(reference);

        registry.GetManifest("team/filter", "v1").Should().NotBeNull();
        client.TokensFetched.Should().Be(0);
    }

    [Fact]
    public async Task Push_LargeBlob_IsUploadedInOrderedChunksWithContentRange()
    {
        using var registry = new FakeRegistry();
        var module = WasmFixtures.LargeModule(10_000);
        var reference = Reference.Parse($"{FakeRegistry.Host}/big/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(module, reference, new PackageOptions { Format = ModuleFormat.Cncf });

        using var client = new RegistryClient(new RegistryClientOptions { ChunkSize = 4096 }, registry);
        var result = await new ModuleTransfer(store, client).PushAsync(reference);

        result.Blobs.Should().Contain(blob => blob.Blob.Size == 10_000 && blob.Result == BlobUploadResult.UploadedChunked);
        registry.Requests.Where(request => request.StartsWith("PATCH", StringComparison.Ordinal)).Select(request => request[(request.IndexOf("Content-Range=", StringComparison.Ordinal) + 14)..])
            .Should().Equal("0-4095", "4096-8191", "8192-9999");
        registry.Requests.Should().Contain(request => request.StartsWith("PUT", StringComparison.Ordinal) && request.Contains("_state=opaque&digest=sha256%3A", StringComparison.Ordinal));
        var pulled = await new ModuleTransfer(new LocalStore(pullSide.Path), client).PullAsync(reference);
        (await pulled.Module.ReadModuleAsync()).Should().Equal(module);
    }

    [Fact]
    public async Task Push_ChunkRejectedWith416_RecoversFromUploadStatus()
    {
        using var registry = new FakeRegistry();
        var module = WasmFixtures.LargeModule(10_000);
        var reference = Reference.Parse($"{FakeRegistry.Host}/big/filter:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(module, reference, new PackageOptions { Format = ModuleFormat.Cncf });
        var patches = 0;
        registry.Intercept = request =>
        {
            if (request.Method != HttpMethod.Patch || ++patches != 2)
            {
                return null;
            }

            return new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable);
        };

        using var client = new RegistryClient(new RegistryClientOptions { ChunkSize = 4096 }, registry);
        await new ModuleTransfer(store, client).PushAsync(reference);

        registry.Requests.Should().Contain(request => request.StartsWith("GET /v2/big/filter/blobs/uploads/", StringComparison.Ordinal), "the client asks the registry where the upload stands");
        registry.HasBlob("big/filter", Digest.Compute(module)).Should().BeTrue();
    }

    [Fact]
    public async Task Push_BlobKnownInAnotherRepository_IsMountedNotUploaded()
    {
        using var registry = new FakeRegistry();
        var first = Reference.Parse($"{FakeRegistry.Host}/team/a:v1");
        var second = Reference.Parse($"{FakeRegistry.Host}/team/b:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), first);
        using var client = new RegistryClient(handler: registry);
        var transfer = new ModuleTransfer(store, client);
        await transfer.PushAsync(first);
        store.Tag(first, second);
        var before = registry.Requests.Count;

        var result = await transfer.PushAsync(second);

        result.Blobs.Should().OnlyContain(blob => blob.Result == BlobUploadResult.Mounted);
        var requests = registry.Requests.Skip(before).ToList();
        requests.Should().Contain(request => request.StartsWith("POST /v2/team/b/blobs/uploads/?mount=sha256%3A", StringComparison.Ordinal) && request.EndsWith("&from=team%2Fa", StringComparison.Ordinal));
        requests.Should().NotContain(request => request.StartsWith("PATCH", StringComparison.Ordinal) || request.StartsWith("PUT /v2/team/b/blobs", StringComparison.Ordinal));
        registry.GetManifest("team/b", "v1").Should().NotBeNull();
    }

    [Fact]
    public async Task Push_BlobAlreadyInRepository_IsSkipped()
    {
        using var registry = new FakeRegistry();
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/a:v1");
        var store = new LocalStore(pushSide.Path);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);
        using var client = new RegistryClient(handler: registry);
        await new ModuleTransfer(store, client).PushAsync(reference);

        var again = await new ModuleTransfer(store, client).PushAsync(reference);

        again.Blobs.Should().OnlyContain(blob => blob.Result == BlobUploadResult.AlreadyExists);
    }

    [Fact]
    public async Task Pull_InterruptedDownload_ResumesWithRangeRequest()
    {
        using var registry = new FakeRegistry();
        var module = WasmFixtures.LargeModule(200_000);
        var reference = Reference.Parse($"{FakeRegistry.Host}/big/filter:v1");
        var source = new LocalStore(pushSide.Path);
        await source.AddModuleAsync(module, reference);
        using var client = new RegistryClient(handler: registry);
        await new ModuleTransfer(source, client).PushAsync(reference);
        var moduleDigest = Digest.Compute(module);
        registry.InterruptBlobsAfter[moduleDigest.Value] = 70_000;
        var target = new LocalStore(pullSide.Path);

        var first = async () => await new ModuleTransfer(target, client).PullAsync(reference);
        await first.Should().ThrowAsync<IOException>();
        new FileInfo(target.GetPartialDownloadPath(moduleDigest)).Length.Should().Be(70_000);
        target.Find(reference).Should().BeNull("an interrupted pull records nothing");

        var progress = new List<TransferProgress>();
        var pulled = await new ModuleTransfer(target, client).PullAsync(reference, new SynchronousProgress(progress.Add));

        registry.Requests.Should().Contain($"GET /v2/big/filter/blobs/{moduleDigest} Range=bytes=70000-");
        progress.Should().Contain(update => update.State == TransferState.Resumed && update.Transferred == 70_000);
        pulled.DownloadedBytes.Should().BeLessThan(200_000);
        (await pulled.Module.ReadModuleAsync()).Should().Equal(module);
        File.Exists(target.GetPartialDownloadPath(moduleDigest)).Should().BeFalse();
    }

    [Fact]
    public async Task Pull_CorruptBlob_IsRejectedAndNotStored()
    {
        using var registry = new FakeRegistry();
        var module = WasmFixtures.ProxyFilter();
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/a:v1");
        var source = new LocalStore(pushSide.Path);
        await source.AddModuleAsync(module, reference);
        using var client = new RegistryClient(handler: registry);
        await new ModuleTransfer(source, client).PushAsync(reference);
        var moduleDigest = Digest.Compute(module);
        registry.CorruptBlobs.Add(moduleDigest.Value);
        var target = new LocalStore(pullSide.Path);

        var pull = async () => await new ModuleTransfer(target, client).PullAsync(reference);

        (await pull.Should().ThrowAsync<DigestMismatchException>()).Which.Expected.Should().Be(moduleDigest);
        target.Contains(moduleDigest).Should().BeFalse();
        target.List().Should().BeEmpty();
        File.Exists(target.GetPartialDownloadPath(moduleDigest)).Should().BeFalse();
    }

    [Fact]
    public async Task Pull_ManifestDigestHeaderMismatch_IsRejected()
    {
        using var registry = new FakeRegistry();
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/a:v1");
        var source = new LocalStore(pushSide.Path);
        await source.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);
        using var client = new RegistryClient(handler: registry);
        await new ModuleTransfer(source, client).PushAsync(reference);
        registry.LieAboutManifestDigest = true;

        var pull = async () => await new ModuleTransfer(new LocalStore(pullSide.Path), client).PullAsync(reference);

        await pull.Should().ThrowAsync<DigestMismatchException>();
    }

    [Fact]
    public async Task Pull_ByDigestWhenRegistryServesOtherBytes_IsRejected()
    {
        using var registry = new FakeRegistry();
        var reference = Reference.Parse($"{FakeRegistry.Host}/team/a:v1");
        var source = new LocalStore(pushSide.Path);
        var stored = await source.AddModuleAsync(WasmFixtures.ProxyFilter(), reference);
        using var client = new RegistryClient(handler: registry);
        await new ModuleTransfer(source, client).PushAsync(reference);
        var wrong = Digest.Compute("another manifest"u8);
        registry.AddManifest("team/a", wrong.Value, File.ReadAllBytes(source.GetBlobPath(stored.Manifest.Digest)), MediaTypes.OciManifest);

        var pull = async () => await new ModuleTransfer(new LocalStore(pullSide.Path), client).PullAsync(reference.ByDigest(wrong));

        await pull.Should().ThrowAsync<DigestMismatchException>();
    }

    [Theory]
    [InlineData(Formats.WasmArtifactTests.SoloAsWasmeWritesIt, ModuleFormat.Solo)]
    [InlineData(Formats.WasmArtifactTests.WasmToOci, ModuleFormat.WasmToOci)]
    public async Task Pull_ManifestsWrittenByOtherTools_Work(string manifestJson, ModuleFormat format)
    {
        using var registry = new FakeRegistry();
        var runtimeConfig = "{\"type\":\"envoy_proxy\",\"abiVersions\":[\"v0-4689a30309abf31aee9ae36e73d34b1bb182685f\",\"v0.2.1\"],\"config\":{\"rootIds\":[\"add_header\"]}}"u8.ToArray();
        registry.AddBlob("other/tool", runtimeConfig);
        registry.AddBlob("other/tool", "{}"u8.ToArray());
        registry.AddBlob("other/tool", WasmFixtures.EmptyModule);
        var manifest = System.Text.Encoding.UTF8.GetBytes(manifestJson);
        registry.AddManifest("other/tool", "v1", manifest, MediaTypes.OciManifest);

        using var client = new RegistryClient(handler: registry);
        var pulled = await new ModuleTransfer(new LocalStore(pullSide.Path), client).PullAsync(Reference.Parse($"{FakeRegistry.Host}/other/tool:v1"));

        pulled.Module.Format.Should().Be(format);
        pulled.Manifest.Digest.Should().Be(Digest.Compute(manifest));
        (await pulled.Module.ReadModuleAsync()).Should().Equal(WasmFixtures.EmptyModule);
    }

    [Fact]
    public async Task Pull_NotAWasmImage_FailsBeforeDownloadingLayers()
    {
        using var registry = new FakeRegistry();
        var layer = new byte[1000];
        registry.AddBlob("library/busybox", layer);
        var digest = Digest.Compute(layer);
        var manifest = System.Text.Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{digest}}","size":1000},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"{{digest}}","size":1000}]}""");
        registry.AddManifest("library/busybox", "latest", manifest, MediaTypes.OciManifest);

        using var client = new RegistryClient(handler: registry);
        var pull = async () => await new ModuleTransfer(new LocalStore(pullSide.Path), client).PullAsync(Reference.Parse($"{FakeRegistry.Host}/library/busybox"));

        await pull.Should().ThrowAsync<FormatException>().WithMessage("*no Wasm module*");
        registry.Requests.Should().NotContain(request => request.Contains("/blobs/", StringComparison.Ordinal));
    }

    private sealed class SynchronousProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}

