using Microsoft.AspNetCore.Http;
using Weir.Hub.Auth;

namespace Weir.Hub.Registry;

/// <summary>One registry request after routing and authentication.</summary>
internal sealed record RegistryRequest(HttpContext Context, RegistryRoute Route, Caller Caller)
{
    public HttpRequest Request => Context.Request;

    public HttpResponse Response => Context.Response;

    public CancellationToken Aborted => Context.RequestAborted;

    public string Name => Route.Name;
}
