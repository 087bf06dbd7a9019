using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Hub.Registry;

namespace Weir.Hub.Api;

/// <summary>
/// <c>GET /api/users/current</c>: what <c>wasme login</c> calls (Harbor's API shape) to check credentials
/// before saving them, so existing wasme binaries can log in to a Weir hub.
/// </summary>
internal static class CurrentUserEndpoint
{
    public const string Path = "/api/users/current";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var throttle = context.RequestServices.GetRequiredService<FailedLoginThrottle>();
        if (throttle.RetryAfterSeconds(context) is { } retryAfter)
        {
            await RegistryErrorWriter.WriteAsync(context, RegistryException.TooManyRequests(retryAfter)).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        AccessTokenRecord? token = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && BasicCredentials.TryParse(header[6..], out var user, out var secret))
        {
            token = await context.RequestServices.GetRequiredService<AccessTokenService>().VerifyAsync(user, secret, context.RequestAborted).ConfigureAwait(false);
        }

        if (token is null)
        {
            if (header.Length > 0)
            {
                throttle.RecordFailure(context);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{RegistryTokenCodec.Service}\"";
            return;
        }

        var account = await context.RequestServices.GetRequiredService<IMetadataStore>().FindUserByIdAsync(token.UserId, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(
                new Dictionary<string, object?>
                {
                    ["user_id"] = token.UserId,
                    ["username"] = token.UserName,
                    ["email"] = string.Empty,
                    ["realname"] = token.UserName,
                    ["sysadmin_flag"] = false,
                    ["creation_time"] = account?.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
                RegistryJson.SerializerOptions),
            context.RequestAborted).ConfigureAwait(false);
    }
}
