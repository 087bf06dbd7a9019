using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Weir.Hub.Auth;

namespace Weir.Hub.Registry;

/// <summary>
/// The single entry point for <c>/v2/…</c>: routes by path suffix (repository names contain slashes),
/// authenticates, calls the endpoint and turns refusals into the spec's error JSON.
/// </summary>
internal sealed partial class RegistryDispatcher
{
    private const string Prefix = "/v2/";

    private readonly RequestAuthenticator authenticator;
    private readonly FailedLoginThrottle throttle;
    private readonly BlobEndpoint blobs;
    private readonly UploadEndpoint uploads;
    private readonly ManifestEndpoint manifests;
    private readonly TagListEndpoint tags;
    private readonly ReferrersEndpoint referrers;
    private readonly CatalogEndpoint catalog;
    private readonly ILogger<RegistryDispatcher> logger;

    public RegistryDispatcher(
        RequestAuthenticator authenticator,
        FailedLoginThrottle throttle,
        BlobEndpoint blobs,
        UploadEndpoint uploads,
        ManifestEndpoint manifests,
        TagListEndpoint tags,
        ReferrersEndpoint referrers,
        CatalogEndpoint catalog,
        ILogger<RegistryDispatcher> logger)
    {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.blobs = blobs;
        this.uploads = uploads;
        this.manifests = manifests;
        this.tags = tags;
        this.referrers = referrers;
        this.catalog = catalog;
        this.logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        try
        {
            var path = RequestPath(context);
            path = path.Length > Prefix.Length ? path[Prefix.Length..] : string.Empty;
            var route = RegistryRoute.Parse(path) ?? throw RegistryRoute.NotFound(path);
            if (throttle.RetryAfterSeconds(context) is { } retryAfter)
            {
                throw RegistryException.TooManyRequests(retryAfter);
            }

            var authentication = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (authentication.Caller is not { } caller)
            {
                throttle.RecordFailure(context);
                var refused = new RegistryRequest(context, route, Caller.Anonymous);
                throw RegistryAuthorization.Unauthorized(refused, null, AccessScopes.None, null, authentication.Error);
            }

            await DispatchAsync(new RegistryRequest(context, route, caller)).ConfigureAwait(false);
        }
        catch (RegistryException error)
        {
            await WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel rejects bodies that end before their Content-Length; an upload was rolled back to
            // its last complete chunk, a manifest was not stored.
            await WriteErrorAsync(context, new RegistryException(
                HttpStatusCode.BadRequest,
                context.Request.Path.Value?.Contains("/manifests/", StringComparison.Ordinal) == true ? RegistryErrorCode.ManifestInvalid : RegistryErrorCode.BlobUploadInvalid,
                "the request body ended before its announced length; nothing was stored",
                new { reason = exception.Message })).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Same: the connection broke while reading or writing a body.
        }
        catch (Exception exception)
        {
            LogUnexpected(logger, exception, context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, new RegistryException(HttpStatusCode.InternalServerError, RegistryErrorCode.Unknown, "internal error")).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The path as the client sent it. Kestrel removes dot segments from <c>Request.Path</c>, which would
    /// turn the invalid name <c>a/../b</c> into the valid <c>b</c>; the raw target keeps it so it is refused.
    /// </summary>
    private static string RequestPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return context.Request.Path.Value ?? string.Empty;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(query >= 0 ? raw[..query] : raw);
    }

    private Task DispatchAsync(RegistryRequest request)
    {
        var method = request.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return request.Route.Kind switch
        {
            RegistryEndpointKind.Base when isRead => BaseAsync(request),
            RegistryEndpointKind.Catalog when HttpMethods.IsGet(method) => catalog.GetAsync(request),
            RegistryEndpointKind.Blob when isRead => blobs.GetAsync(request),
            RegistryEndpointKind.Blob when HttpMethods.IsDelete(method) => blobs.DeleteAsync(request),
            RegistryEndpointKind.UploadStart when HttpMethods.IsPost(method) => uploads.StartAsync(request),
            RegistryEndpointKind.UploadSession when HttpMethods.IsPatch(method) => uploads.PatchAsync(request),
            RegistryEndpointKind.UploadSession when HttpMethods.IsPut(method) => uploads.CompleteAsync(request),
            RegistryEndpointKind.UploadSession when HttpMethods.IsGet(method) => uploads.StatusAsync(request),
            RegistryEndpointKind.UploadSession when HttpMethods.IsDelete(method) => uploads.CancelAsync(request),
            RegistryEndpointKind.Manifest when isRead => manifests.GetAsync(request),
            RegistryEndpointKind.Manifest when HttpMethods.IsPut(method) => manifests.PutAsync(request),
            RegistryEndpointKind.Manifest when HttpMethods.IsDelete(method) => manifests.DeleteAsync(request),
            RegistryEndpointKind.TagList when HttpMethods.IsGet(method) => tags.GetAsync(request),
            RegistryEndpointKind.Referrers when HttpMethods.IsGet(method) => referrers.GetAsync(request),
            _ => throw RegistryException.Unsupported($"{method} is not supported on this endpoint"),
        };
    }

    private static Task BaseAsync(RegistryRequest request)
    {
        // Anonymous callers get the challenge: this is how clients discover the token service.
        if (request.Caller.Kind == CallerKind.Anonymous)
        {
            throw RegistryAuthorization.Unauthorized(request, null, AccessScopes.None, null, null);
        }

        request.Response.ContentType = "application/json";
        return request.Response.WriteAsync("{}", request.Aborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, RegistryException error)
    {
        if (context.Response.HasStarted)
        {
            // Headers are gone; the only honest signal left is to break the connection.
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        await RegistryErrorWriter.WriteAsync(context, error).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure handling {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, PathString path);
}
