using Microsoft.AspNetCore.Http;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// The <c>X-Forwarded-For</c> (the client's address appended to what it sent), <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-Host</c> (what the gateway saw, replacing what the client claimed) headers.
/// </summary>
internal static class ForwardedHeaders
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string ForwardedHost = "X-Forwarded-Host";

    public static bool IsForwarded(string name) =>
        string.Equals(name, ForwardedFor, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, ForwardedProto, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, ForwardedHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>The values to send, in order: for, proto, host (host only when the request had one).</summary>
    public static IEnumerable<KeyValuePair<string, string>> For(HttpContext context)
    {
        var request = context.Request;
        if (ForwardedForChain(context) is { } chain)
        {
            yield return new("x-forwarded-for", chain);
        }

        yield return new("x-forwarded-proto", request.Scheme);
        if (request.Host.HasValue)
        {
            yield return new("x-forwarded-host", request.Host.Value);
        }
    }

    /// <summary>The client's <c>X-Forwarded-For</c> with the client's address appended, or null when there is neither.</summary>
    public static string? ForwardedForChain(HttpContext context)
    {
        var existing = context.Request.Headers[ForwardedFor];
        var client = context.Connection.RemoteIpAddress;
        if (client is null)
        {
            return existing.Count == 0 ? null : string.Join(", ", existing.ToArray());
        }

        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4().ToString() : client.ToString();
        return existing.Count == 0 ? address : string.Join(", ", existing.ToArray()) + ", " + address;
    }
}
