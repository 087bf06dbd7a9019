using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weir.Gateway.Configuration;

namespace Weir.Gateway.Hosting;

/// <summary>One Kestrel server bound to one address, running a request delegate.</summary>
internal sealed class ListenerServer : IAsyncDisposable
{
    private readonly KestrelServer _server;

    private ListenerServer(KestrelServer server, string key, Uri address)
    {
        _server = server;
        Key = key;
        Address = address;
    }

    public string Key { get; }

    /// <summary>The address actually bound (with the real port when the configuration asked for port 0).</summary>
    public Uri Address { get; }

    /// <exception cref="IOException">The address could not be bound.</exception>
    public static async Task<ListenerServer> StartAsync(string key, IPEndPoint endPoint, ListenerProtocols protocols, Func<HttpContext, Task> handler, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            AllowSynchronousIO = false,
        };

        // A proxy passes bodies through; limits on them belong to the upstream.
        options.Limits.MaxRequestBodySize = null;
        options.Limits.Http2.MaxStreamsPerConnection = 256;
        SniffingGroup? sniffing = null;
        if (protocols == ListenerProtocols.Http1AndHttp2)
        {
            sniffing = new SniffingGroup();
            options.Listen(new ProtocolEndPoint(endPoint, HttpProtocols.Http1, sniffing), listen => listen.Protocols = HttpProtocols.Http1);
            options.Listen(new ProtocolEndPoint(endPoint, HttpProtocols.Http2, sniffing), listen => listen.Protocols = HttpProtocols.Http2);
        }
        else
        {
            options.Listen(endPoint, listen => listen.Protocols = protocols == ListenerProtocols.Http2 ? HttpProtocols.Http2 : HttpProtocols.Http1);
        }

        // Connections are not run inline on the socket threads (UnsafePreferInlineScheduling): measured on
        // this workload it saved nothing, and a filter callback may run for up to its time limit.
        var sockets = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(Options.Create(options), new SniffingTransportFactory(sockets), loggerFactory);
        try
        {
            await server.StartAsync(new HttpApplication(handler), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        var bound = sniffing?.BoundAddress is { } address
            ? "http://" + address
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://{endPoint}";
        return new ListenerServer(server, key, new Uri(bound));
    }

    /// <summary>Stops accepting connections and waits up to <paramref name="grace"/> for requests in flight.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _server.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Kestrel aborted what was left after the grace period.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _server.Dispose();
    }
}
