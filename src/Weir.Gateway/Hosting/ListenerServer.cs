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

    /// <param name="key">The listener's server key.</param>
    /// <param name="endPoint">The address to bind.</param>
    /// <param name="protocols">HTTP/1.1, HTTP/2 (prior knowledge) or both on one socket.</param>
    /// <param name="handler">The request delegate.</param>
    /// <param name="runOnIoThreads">Run requests inline on the thread that read them (see <see cref="IoThreads"/>); the handler must not block.</param>
    /// <param name="loggerFactory">Kestrel's logs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IOException">The address could not be bound.</exception>
    public static async Task<ListenerServer> StartAsync(string key, IPEndPoint endPoint, ListenerProtocols protocols, Func<HttpContext, Task> handler, bool runOnIoThreads, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
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

        // Inline scheduling saves a thread-pool hand-off per read and write; it pays when socket operations
        // also complete inline (weir proxy), and filter chains leave the I/O threads before running filters.
        var transport = new SocketTransportOptions { UnsafePreferInlineScheduling = runOnIoThreads };
        var sockets = new SocketTransportFactory(Options.Create(transport), loggerFactory);
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
