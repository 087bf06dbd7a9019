using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata;

namespace Weir.Hub.Tests.Support;

/// <summary>
/// A hub on a fresh data directory, served in memory (TestServer) or by Kestrel on 127.0.0.1 with an
/// ephemeral port, plus helpers to create accounts and push content.
/// </summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly TemporaryDirectory directory;
    private readonly bool ownsDirectory;

    private TestHub(HubServer server, HubOptions options, TemporaryDirectory directory, bool ownsDirectory, Uri baseAddress, bool kestrel)
    {
        Server = server;
        Options = options;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        BaseAddress = baseAddress;
        IsKestrel = kestrel;
    }

    public HubServer Server { get; }

    public HubOptions Options { get; }

    public Uri BaseAddress { get; }

    public bool IsKestrel { get; }

    public string DataDirectory => Options.DataDirectory;

    public IMetadataStore Metadata => Server.Metadata;

    /// <summary>The authority clients use in references, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Authority => BaseAddress.Authority;

    public static async Task<TestHub> StartAsync(bool kestrel = false, Action<HubOptions>? configure = null, TemporaryDirectory? dataDirectory = null)
    {
        var directory = dataDirectory ?? new TemporaryDirectory();
        var options = new HubOptions
        {
            DataDirectory = System.IO.Path.Combine(directory.Path, "data"),
            Listen = "127.0.0.1:0",
            GarbageCollectionInterval = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        Action<WebApplicationBuilder>? host = kestrel ? null : builder => builder.WebHost.UseTestServer();
        var server = await HubServer.StartAsync(options, host, CancellationToken.None);
        var baseAddress = kestrel ? new Uri(server.Addresses[0]) : new Uri("http://localhost");
        return new TestHub(server, options, directory, dataDirectory is null, baseAddress, kestrel);
    }

    public HttpClient CreateClient(string? user = null, string? secret = null)
    {
        var client = IsKestrel
            ? new HttpClient { BaseAddress = BaseAddress }
            : Server.Application.GetTestClient();
        if (user is not null && secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        }

        return client;
    }

    /// <summary>Creates the user if needed and returns a new access token secret.</summary>
    public async Task<string> CreateTokenAsync(string user, AccessScopes scopes)
    {
        var (secret, _, _) = await Server.Services.GetRequiredService<AccessTokenService>().CreateAsync(user, scopes, null, null, CancellationToken.None);
        return secret;
    }

    /// <summary>A client for a user whose token has every scope.</summary>
    public async Task<HttpClient> CreateWriterAsync(string user = "alice") =>
        CreateClient(user, await CreateTokenAsync(user, AccessScopes.All));

    public IReadOnlyList<string> BlobFiles()
    {
        var root = System.IO.Path.Combine(DataDirectory, "blobs");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
    }

    public IReadOnlyList<string> UploadSessions()
    {
        var root = System.IO.Path.Combine(DataDirectory, "uploads");
        return Directory.Exists(root) ? Directory.GetFileSystemEntries(root) : [];
    }

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Pushes a blob in one POST and returns its digest.</summary>
    public static async Task<string> PushBlobAsync(HttpClient client, string repository, byte[] content)
    {
        var digest = DigestOf(content);
        using var response = await client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={Uri.EscapeDataString(digest)}", new ByteArrayContent(content));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return digest;
    }

    public static async Task<HttpResponseMessage> PutManifestAsync(HttpClient client, string repository, string reference, byte[] manifest, string mediaType = OciContent.ManifestType)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PutAsync($"/v2/{repository}/manifests/{reference}", content);
    }

    /// <summary>Pushes config and layer blobs and a CNCF-style Wasm manifest under <paramref name="tag"/>; returns the manifest's bytes and digest.</summary>
    public static async Task<(byte[] Manifest, string Digest)> PushModuleAsync(HttpClient client, string repository, string tag, byte[]? module = null, string? subject = null)
    {
        module ??= OciContent.WasmModule(tag);
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"wasm\",\"os\":\"wasip1\",\"layerDigests\":[\"{DigestOf(module)}\"]}}");
        await PushBlobAsync(client, repository, config);
        await PushBlobAsync(client, repository, module);
        var manifest = OciContent.Manifest(config, [module], subject: subject);
        using var response = await PutManifestAsync(client, repository, tag, manifest);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (manifest, DigestOf(manifest));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (ownsDirectory)
        {
            directory.Dispose();
        }
    }
}
