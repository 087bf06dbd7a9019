using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weir.Hub.Api;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Hub.Registry;
using Weir.Hub.Storage;
using Weir.Hub.Web;

namespace Weir.Hub.Hosting;

/// <summary>
/// A running hub: the OCI registry under <c>/v2/</c>, the token service at <c>/token</c>, and the
/// storage behind them. Features live in their own folders (Registry, Auth, Storage, Metadata) and are
/// wired here; later features such as web pages add their endpoints the same way.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    private readonly WebApplication application;
    private readonly IMetadataStore metadata;

    private HubServer(WebApplication application, IMetadataStore metadata, IReadOnlyList<string> addresses)
    {
        this.application = application;
        this.metadata = metadata;
        Addresses = addresses;
    }

    /// <summary>The base URLs the hub listens on, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public IReadOnlyList<string> Addresses { get; }

    internal IServiceProvider Services => application.Services;

    internal IMetadataStore Metadata => metadata;

    internal WebApplication Application => application;

    /// <summary>Opens (and migrates) the storage in <paramref name="options"/> and starts serving.</summary>
    /// <exception cref="FormatException">The listen address or database URL is malformed.</exception>
    public static Task<HubServer> StartAsync(HubOptions options, CancellationToken cancellationToken) =>
        StartAsync(options, configure: null, cancellationToken);

    /// <summary>Starts the hub; <paramref name="configure"/> may adjust the host (tests swap Kestrel for an in-memory server).</summary>
    internal static async Task<HubServer> StartAsync(HubOptions options, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = new HubPaths(options.DataDirectory);
        Directory.CreateDirectory(paths.Root);
        var endpoint = ListenAddress.Parse(options.Listen);
        var metadata = await MetadataStoreFactory.OpenAsync(options.DatabaseUrl, paths.SqliteDatabase, cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(HubServer).Assembly.GetName().Name,
                ContentRootPath = paths.Root,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

            // A failed start (e.g. the port is taken) surfaces as the exception StartAsync throws, which
            // the caller reports in one line; the host's own log entry would repeat it as a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(endpoint);
                kestrel.AddServerHeader = false;

                // Blobs have no size limit; manifests enforce their own (413 above the limit).
                kestrel.Limits.MaxRequestBodySize = null;
            });
            AddServices(builder.Services, options, paths, metadata);
            configure?.Invoke(builder);

            var application = builder.Build();
            MapEndpoints(application);
            await application.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            return new HubServer(application, metadata, addresses);
        }
        catch
        {
            await metadata.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl-C, SIGTERM, or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => application.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops serving (letting requests in flight finish) and closes the storage.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await application.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await application.DisposeAsync().ConfigureAwait(false);
            await metadata.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddServices(IServiceCollection services, HubOptions options, HubPaths paths, IMetadataStore metadata)
    {
        services.AddSingleton(options);
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(metadata);

        // Storage
        services.AddSingleton<IBlobStore>(_ => new FileSystemBlobStore(paths.Blobs));
        services.AddSingleton(provider => new UploadStore(paths.Uploads, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GarbageCollector>();
        services.AddHostedService<GarbageCollectionService>();

        // Auth
        services.AddSingleton(_ => TokenSigningKey.LoadOrCreate(paths.SigningKey));
        services.AddSingleton<RegistryTokenCodec>();
        services.AddSingleton<AccessTokenService>();
        services.AddSingleton<RepositoryPolicy>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<FailedLoginThrottle>();

        // Registry
        services.AddSingleton<RegistryAuthorization>();
        services.AddSingleton<BlobEndpoint>();
        services.AddSingleton<UploadEndpoint>();
        services.AddSingleton<ManifestEndpoint>();
        services.AddSingleton<TagListEndpoint>();
        services.AddSingleton<ReferrersEndpoint>();
        services.AddSingleton<CatalogEndpoint>();
        services.AddSingleton<RegistryDispatcher>();

        // Web pages
        WebFeature.AddServices(services, paths);
    }

    private static void MapEndpoints(WebApplication application)
    {
        var dispatcher = application.Services.GetRequiredService<RegistryDispatcher>();
        RequestDelegate registry = dispatcher.HandleAsync;
        application.Map("/v2", registry);
        application.Map("/v2/{**path}", registry);
        TokenEndpoint.Map(application);
        CurrentUserEndpoint.Map(application);
        WebFeature.Map(application);
    }
}
