using System.Net;
using Microsoft.Extensions.Logging;
using Weir.Cli.Workflow.Deploy;
using Weir.Cli.Workflow.Shared;
using Weir.Gateway;
using Weir.Hub.Administration;
using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Registry;
using Weir.Oci.Registry.Authentication;
using Weir.Oci.Store;
using Weir.Oci.Transfers;

namespace Weir.Cli.Workflow.Up;

/// <summary>
/// Everything <c>weir up</c> runs, started in order and stopped in reverse: the hub (repositories public,
/// a user <c>weir</c> with a push token), the sample upstream, the sample filter pushed to the hub, and a
/// gateway whose filter is the hub's <c>oci://</c> reference, pulled into a store of its own.
/// </summary>
internal sealed class UpSession : IAsyncDisposable
{
    public const string UserName = "weir";
    private const int Steps = 5;

    private readonly List<IAsyncDisposable> running = [];
    private readonly ILoggerFactory loggerFactory;
    private readonly string dataDirectory;
    private readonly bool temporary;

    private UpSession(string dataDirectory, bool temporary, ILoggerFactory loggerFactory)
    {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.loggerFactory = loggerFactory;
    }

    public Uri? HubAddress { get; private set; }

    public Uri? UpstreamAddress { get; private set; }

    public Uri? GatewayAddress { get; private set; }

    /// <summary>The sample filter's reference in the hub, pinned to its manifest digest.</summary>
    public Reference? Module { get; private set; }

    /// <summary>The push token of <see cref="UserName"/>.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>The value the filter's header had in the check request.</summary>
    public string CheckedHeaderValue { get; private set; } = string.Empty;

    /// <summary>Starts everything; on failure stops what was started and throws.</summary>
    /// <exception cref="WorkflowException">A port is taken, or a part does not work.</exception>
    public static async Task<UpSession> StartAsync(UpRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var hubListen = ListenEndpoint.Parse(request.HubListen ?? HubOptions.DefaultListen, "--hub-listen");
        var upstreamListen = ListenEndpoint.Parse(request.UpstreamListen ?? "127.0.0.1:9000", "--upstream-listen");
        var gatewayListen = ListenEndpoint.Parse(request.Listen ?? "127.0.0.1:8080", "--listen");
        foreach (var (endpoint, option) in new[] { (hubListen, "--hub-listen"), (upstreamListen, "--upstream-listen"), (gatewayListen, "--listen") })
        {
            if (!endpoint.HostIsAddress)
            {
                throw WorkflowException.Usage($"{option} '{endpoint}': give an IP address and port, e.g. 127.0.0.1:{endpoint.Port}");
            }
        }

        var temporary = request.DataDirectory is null;
        var dataDirectory = request.DataDirectory is { } given ? Path.GetFullPath(given) : Directory.CreateTempSubdirectory("weir-up-").FullName;
        Directory.CreateDirectory(dataDirectory);
        var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            })
            .SetMinimumLevel(LogLevel.Warning));
        var session = new UpSession(dataDirectory, temporary, loggerFactory);
        try
        {
            await session.StartPartsAsync(hubListen, upstreamListen, gatewayListen, error, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the gateway, the upstream and the hub, and removes a temporary data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = running.Count - 1; i >= 0; i--)
        {
            await running[i].DisposeAsync().ConfigureAwait(false);
        }

        running.Clear();
        loggerFactory.Dispose();
        if (temporary && Directory.Exists(dataDirectory))
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it is under the temporary directory.
            }
        }
    }

    private async Task StartPartsAsync(ListenEndpoint hubListen, ListenEndpoint upstreamListen, ListenEndpoint gatewayListen, TextWriter error, CancellationToken cancellationToken)
    {
        var progress = new ProgressLog(error, Steps);
        var hubOptions = new HubOptions
        {
            DataDirectory = Path.Combine(dataDirectory, "hub"),
            Listen = hubListen.ToString(),
            NewRepositoriesArePublic = true,
        };

        using (progress.Step($"starting the hub on {hubListen} (data in {dataDirectory})"))
        {
            var administration = await HubAdministration.OpenAsync(hubOptions, cancellationToken).ConfigureAwait(false);
            await using (administration.ConfigureAwait(false))
            {
                (Token, _, _) = await administration.CreateTokenAsync(UserName, AccessScopes.Pull | AccessScopes.Push, "weir up", null, cancellationToken).ConfigureAwait(false);
            }

            var hub = await Start("the hub", hubListen, "--hub-listen", () => HubServer.StartAsync(hubOptions, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning), cancellationToken)).ConfigureAwait(false);
            running.Add(hub);
            HubAddress = new Uri(hub.Addresses[0]);
        }

        using (progress.Step($"starting the sample upstream on {upstreamListen}"))
        {
            var upstream = await Start("the sample upstream", upstreamListen, "--upstream-listen", () => SampleUpstream.StartAsync(upstreamListen, dataDirectory, cancellationToken)).ConfigureAwait(false);
            running.Add(upstream);
            UpstreamAddress = upstream.Address;
        }

        using (progress.Step($"pushing the sample filter to {HubAddress.Authority}/{UserName}/{SampleFilter.Repository}"))
        {
            Module = await PushSampleAsync(HubAddress, Token, cancellationToken).ConfigureAwait(false);
        }

        using (progress.Step($"starting the gateway on {gatewayListen} with oci://{Module}"))
        {
            var gateway = await StartGatewayAsync(gatewayListen, UpstreamAddress, Module, cancellationToken).ConfigureAwait(false);
            running.Add(gateway);
            GatewayAddress = gateway.ListenerAddresses.Values.First();
        }

        using (progress.Step($"checking a request through {GatewayAddress}"))
        {
            CheckedHeaderValue = await CheckAsync(GatewayAddress, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Reference> PushSampleAsync(Uri hubAddress, string token, CancellationToken cancellationToken)
    {
        var store = new LocalStore(Path.Combine(dataDirectory, "store"));
        var reference = Reference.Parse($"{hubAddress.Authority}/{UserName}/{SampleFilter.Repository}:latest");
        var package = ModulePackager.Package(SampleFilter.ReadModule(), new PackageOptions { RootIds = [SampleFilter.RootId], Created = SourceDate.Now() });
        await store.AddPackageAsync(package, reference, cancellationToken).ConfigureAwait(false);
        using var client = new RegistryClient(new RegistryClientOptions { Credential = RegistryCredential.FromPassword(UserName, token) });
        await new ModuleTransfer(store, client).PushAsync(reference, progress: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        return reference.WithDigest(package.ManifestDigest);
    }

    private async Task<GatewayHost> StartGatewayAsync(ListenEndpoint listen, Uri upstream, Reference module, CancellationToken cancellationToken)
    {
        var source = GatewaySource.FromCommandLine(new SingleUpstreamOptions
        {
            Listen = listen.ToString(),
            Upstream = upstream.GetLeftPart(UriPartial.Authority),
            Filters = [new SingleUpstreamFilter("oci://" + module, SampleFilter.Configuration, SampleFilter.RootId)],
        });

        // A store of its own, so the gateway really pulls the module from the hub.
        var options = new GatewayHostOptions { LoggerFactory = loggerFactory, LocalStorePath = Path.Combine(dataDirectory, "gateway-store") };
        try
        {
            return await GatewayHost.StartAsync(source, options, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayConfigurationException exception)
        {
            var problems = string.Join("; ", exception.Errors.Select(problem => problem.ToString()));
            throw new WorkflowException($"the gateway did not start on {listen}: {problems}{(problems.Contains("in use", StringComparison.OrdinalIgnoreCase) ? " (choose another address with --listen)" : string.Empty)}");
        }
    }

    private static async Task<string> CheckAsync(Uri gateway, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(gateway, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || !response.Headers.TryGetValues(SampleFilter.HeaderName, out var values))
        {
            throw new WorkflowException($"GET {gateway} through the gateway answered {(int)response.StatusCode} {response.ReasonPhrase} without the filter's {SampleFilter.HeaderName} header");
        }

        return string.Join(", ", values);
    }

    private static async Task<T> Start<T>(string what, ListenEndpoint listen, string option, Func<Task<T>> start)
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new WorkflowException($"cannot start {what} on {listen}: {exception.Message} Choose another address with {option} HOST:PORT.");
        }
    }
}
