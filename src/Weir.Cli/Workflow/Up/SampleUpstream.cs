using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weir.Cli.Workflow.Deploy;

namespace Weir.Cli.Workflow.Up;

/// <summary>
/// The service behind <c>weir up</c>'s gateway: it answers every request with a JSON description of it
/// (method, path, headers), so a user sees what the gateway forwarded.
/// </summary>
internal sealed class SampleUpstream : IAsyncDisposable
{
    private readonly WebApplication application;

    private SampleUpstream(WebApplication application, Uri address)
    {
        this.application = application;
        Address = address;
    }

    /// <summary>The base URL it listens on.</summary>
    public Uri Address { get; }

    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<SampleUpstream> StartAsync(ListenEndpoint listen, string contentRoot, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(listen.IpAddress), listen.Port);
            kestrel.AddServerHeader = false;
        });
        var application = builder.Build();
        application.Run(EchoAsync);
        await application.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleUpstream(application, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await application.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await application.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString(), StringComparer.Ordinal);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["service"] = "the sample upstream of weir up",
            ["method"] = request.Method,
            ["path"] = request.Path.Value + request.QueryString.Value,
            ["headers"] = headers,
        }, new JsonSerializerOptions { WriteIndented = true });
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length + 1;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
