using System.Net;

namespace Weir.Gateway.Tests.Support;

/// <summary>A gateway started from a YAML file in a temporary directory, with an HTTP client for its listeners.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private TestGateway(GatewayHost host, string directory, string configPath)
    {
        Host = host;
        Directory = directory;
        ConfigPath = configPath;
        Client = CreateClient();
    }

    public GatewayHost Host { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    public HttpClient Client { get; }

    public Uri Url(string listener = "public") => Host.ListenerAddresses[listener];

    public Uri Admin => Host.AdminAddress ?? throw new InvalidOperationException("the configuration has no admin listener");

    public static async Task<TestGateway> StartAsync(string yaml, bool watch = false, GatewayHostOptions? options = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "weir-gateway-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "gateway.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var host = await GatewayHost.StartAsync(GatewaySource.FromFile(path), options ?? new GatewayHostOptions { WatchConfigurationFile = watch, DrainTimeout = TimeSpan.FromSeconds(5) });
        return new TestGateway(host, directory, path);
    }

    /// <summary>A client with pooled connections, no proxy, no redirects and no decompression.</summary>
    public static HttpClient CreateClient(Version? version = null) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        DefaultRequestVersion = version ?? HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Task<HttpResponseMessage> GetAsync(string path, string listener = "public") => Client.GetAsync(new Uri(Url(listener), path));

    public async Task<string> AdminGetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(Admin, path));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// An admin page once it contains every one of <paramref name="expected"/> (or after 10 s, when the test's
    /// assertions then report what is missing). Counters of an exchange are recorded when its handler ends,
    /// which may be just after the client already has the whole response.
    /// </summary>
    public async Task<string> AdminGetWhenAsync(string path, params string[] expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var text = await AdminGetAsync(path);
            if (expected.All(part => text.Contains(part, StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Whether the running gateway considers the endpoint with this base address healthy.</summary>
    public bool IsHealthy(string endpoint)
    {
        var snapshot = ((Weir.Gateway.Hosting.IGatewayControl)Host).Current!;
        return snapshot.Clusters.Values.SelectMany(cluster => cluster.Endpoints).Single(candidate => candidate.Address == endpoint).Healthy;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failing test; the temporary directory is cleaned up later.
        }
    }
}
