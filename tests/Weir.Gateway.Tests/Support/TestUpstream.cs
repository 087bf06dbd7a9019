using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Weir.Gateway.Tests.Support;

/// <summary>A real Kestrel upstream on 127.0.0.1 and an ephemeral port, answering with a test's handler and recording what it received.</summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address, for example <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri Address { get; }

    public string Url => Address.ToString().TrimEnd('/');

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public int Count => Received.Count;

    /// <summary>Starts an upstream; without a handler it answers 200 with the text <c>upstream</c>.</summary>
    public static Task<TestUpstream> StartAsync(RequestDelegate? handler = null, HttpProtocols protocols = HttpProtocols.Http1, bool websockets = false) =>
        StartAsync(handler, protocols, port: 0, websockets);

    public static async Task<TestUpstream> StartAsync(RequestDelegate? handler, HttpProtocols protocols, int port, bool websockets = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = protocols);
        });
        var app = builder.Build();
        if (websockets)
        {
            app.UseWebSockets();
        }

        TestUpstream? upstream = null;
        app.Run(async context =>
        {
            upstream!.Received.Enqueue(ReceivedRequest.From(context));
            if (handler is null)
            {
                await context.Response.WriteAsync("upstream");
                return;
            }

            await handler(context);
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        upstream = new TestUpstream(app, address);
        return upstream;
    }

    public ReceivedRequest Last => Received.Last();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Requests left hanging by a test are aborted.
        }

        await _app.DisposeAsync();
    }
}
