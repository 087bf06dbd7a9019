using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>The service behind the gateway in the end-to-end tests: 127.0.0.1 on a free port, answering "upstream answered".</summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    public const string Body = "upstream answered";
    private readonly WebApplication application;

    private TestUpstream(WebApplication application, Uri address)
    {
        this.application = application;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The base address without a trailing slash, as --upstream takes it.</summary>
    public string Url => Address.GetLeftPart(UriPartial.Authority);

    public static async Task<TestUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var application = builder.Build();
        application.Run(context => context.Response.WriteAsync(Body));
        await application.StartAsync();
        var address = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestUpstream(application, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await application.StopAsync();
        await application.DisposeAsync();
    }
}
