using System.Text;
using Microsoft.AspNetCore.Http;

namespace Weir.Gateway.Forwarding;

/// <summary>The responses the gateway itself gives when it cannot forward: a status and a one-line text body.</summary>
internal static class ErrorResponses
{
    private static readonly byte[] NoRouteBody = Encoding.ASCII.GetBytes("weir: no route matches this request\n");
    private static readonly byte[] NoHealthyBody = Encoding.ASCII.GetBytes("weir: no healthy upstream\n");
    private static readonly byte[] ConnectFailureBody = Encoding.ASCII.GetBytes("weir: upstream connect failure\n");
    private static readonly byte[] TimeoutBody = Encoding.ASCII.GetBytes("weir: upstream request timeout\n");
    private static readonly byte[] ResetBody = Encoding.ASCII.GetBytes("weir: upstream reset before response\n");
    private static readonly byte[] BadRequestBody = Encoding.ASCII.GetBytes("weir: the request body could not be read\n");

    public static int StatusOf(ProxyError error) => error switch
    {
        ProxyError.NoRoute => StatusCodes.Status404NotFound,
        ProxyError.NoHealthyEndpoint => StatusCodes.Status503ServiceUnavailable,
        ProxyError.ConnectFailure => StatusCodes.Status502BadGateway,
        ProxyError.Timeout => StatusCodes.Status504GatewayTimeout,
        ProxyError.UpstreamReset => StatusCodes.Status502BadGateway,
        ProxyError.RequestBody => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status502BadGateway,
    };

    /// <summary>The one-line text body the gateway answers <paramref name="error"/> with.</summary>
    public static byte[] BodyOf(ProxyError error) => error switch
    {
        ProxyError.NoRoute => NoRouteBody,
        ProxyError.NoHealthyEndpoint => NoHealthyBody,
        ProxyError.ConnectFailure => ConnectFailureBody,
        ProxyError.Timeout => TimeoutBody,
        ProxyError.RequestBody => BadRequestBody,
        _ => ResetBody,
    };

    public static Task WriteAsync(HttpContext context, ProxyError error)
    {
        var response = context.Response;
        if (response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var body = BodyOf(error);
        response.StatusCode = StatusOf(error);
        response.ContentType = "text/plain";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }
}
