using Microsoft.AspNetCore.Http;

namespace Weir.Gateway.Tests.Support;

/// <summary>What an upstream saw of one request (headers captured when it arrived).</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, string Protocol, string Host, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static ReceivedRequest From(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ReceivedRequest(request.Method, request.Path.Value + request.QueryString.Value, request.Protocol, request.Host.Value ?? string.Empty, headers);
    }
}
