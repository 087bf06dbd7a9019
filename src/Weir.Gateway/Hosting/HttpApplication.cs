using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Weir.Gateway.Hosting;

/// <summary>
/// The Kestrel application of a listener: a bare request delegate with no middleware pipeline or DI
/// container in the way. HTTP contexts are reused per connection, as ASP.NET Core's hosting does.
/// </summary>
internal sealed class HttpApplication : IHttpApplication<HttpContext>
{
    private readonly Func<HttpContext, Task> _handler;

    public HttpApplication(Func<HttpContext, Task> handler)
    {
        _handler = handler;
    }

    public HttpContext CreateContext(IFeatureCollection contextFeatures)
    {
        if (contextFeatures is IHostContextContainer<HttpContext> container)
        {
            if (container.HostContext is DefaultHttpContext reused)
            {
                reused.Initialize(contextFeatures);
                return reused;
            }

            var created = new DefaultHttpContext(contextFeatures);
            container.HostContext = created;
            return created;
        }

        return new DefaultHttpContext(contextFeatures);
    }

    public Task ProcessRequestAsync(HttpContext context) => _handler(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
        if (context is DefaultHttpContext defaultContext)
        {
            defaultContext.Uninitialize();
        }
    }
}
