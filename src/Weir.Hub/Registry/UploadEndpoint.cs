using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata;
using Weir.Hub.Storage;
using Weir.Oci.Content;

namespace Weir.Hub.Registry;

/// <summary>
/// Blob uploads: <c>POST /v2/&lt;name&gt;/blobs/uploads/</c> (start, single-request upload with
/// <c>?digest=</c>, cross-repository mount with <c>?mount=&amp;from=</c>) and
/// <c>PATCH/PUT/GET/DELETE /v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;</c>. A blob becomes visible only after its
/// bytes were verified against the digest; every refusal leaves the session as it was, or removes it.
/// </summary>
internal sealed class UploadEndpoint
{
    private const AccessScopes Write = AccessScopes.Pull | AccessScopes.Push;

    private readonly IMetadataStore metadata;
    private readonly IBlobStore blobs;
    private readonly UploadStore uploads;
    private readonly RegistryAuthorization authorization;
    private readonly TimeProvider time;
    private readonly HubOptions options;

    public UploadEndpoint(IMetadataStore metadata, IBlobStore blobs, UploadStore uploads, RegistryAuthorization authorization, TimeProvider time, HubOptions options)
    {
        this.options = options;
        this.metadata = metadata;
        this.blobs = blobs;
        this.uploads = uploads;
        this.authorization = authorization;
        this.time = time;
    }

    public async Task StartAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, Write).ConfigureAwait(false);
        var mount = RawQuery.Get(request.Request, "mount");
        if (mount is not null)
        {
            var digest = DigestArgument.Parse(mount, "the mount digest");
            if (await TryMountAsync(request, rights, digest, RawQuery.Get(request.Request, "from")).ConfigureAwait(false))
            {
                return;
            }
        }

        var digestText = RawQuery.Get(request.Request, "digest");
        if (digestText is not null)
        {
            // Monolithic upload in one POST: the body is the whole blob.
            var digest = DigestArgument.Parse(digestText, "the digest parameter");
            var session = uploads.Create(request.Name);
            using (await uploads.LockAsync(session.Id, request.Aborted).ConfigureAwait(false))
            {
                try
                {
                    session = await AppendBodyAsync(request, session, checkRange: false).ConfigureAwait(false);
                    await CommitAsync(request, rights, session, digest).ConfigureAwait(false);
                }
                finally
                {
                    uploads.Delete(session.Id);
                }
            }

            return;
        }

        var started = uploads.Create(request.Name);
        request.Response.StatusCode = StatusCodes.Status202Accepted;
        WriteSessionHeaders(request, started);
    }

    public async Task PatchAsync(RegistryRequest request)
    {
        _ = await authorization.RequireAsync(request, request.Name, Write).ConfigureAwait(false);
        var id = request.Route.Reference;
        using (await uploads.LockAsync(id, request.Aborted).ConfigureAwait(false))
        {
            var session = FindSession(request, id);
            session = await AppendBodyAsync(request, session, checkRange: true).ConfigureAwait(false);
            request.Response.StatusCode = StatusCodes.Status202Accepted;
            WriteSessionHeaders(request, session);
        }
    }

    public async Task CompleteAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, Write).ConfigureAwait(false);
        var id = request.Route.Reference;
        using (await uploads.LockAsync(id, request.Aborted).ConfigureAwait(false))
        {
            var session = FindSession(request, id);
            var digest = DigestArgument.Parse(RawQuery.Get(request.Request, "digest"), "the digest parameter");
            if (request.Request.ContentLength != 0)
            {
                // The closing PUT may carry the last chunk.
                session = await AppendBodyAsync(request, session, checkRange: true).ConfigureAwait(false);
            }

            await CommitAsync(request, rights, session, digest).ConfigureAwait(false);
        }
    }

    public async Task StatusAsync(RegistryRequest request)
    {
        _ = await authorization.RequireAsync(request, request.Name, AccessScopes.Pull).ConfigureAwait(false);
        var session = FindSession(request, request.Route.Reference);
        request.Response.StatusCode = StatusCodes.Status204NoContent;
        WriteSessionHeaders(request, session);
    }

    public async Task CancelAsync(RegistryRequest request)
    {
        _ = await authorization.RequireAsync(request, request.Name, Write).ConfigureAwait(false);
        var id = request.Route.Reference;
        using (await uploads.LockAsync(id, request.Aborted).ConfigureAwait(false))
        {
            _ = FindSession(request, id);
            uploads.Delete(id);
        }

        request.Response.StatusCode = StatusCodes.Status204NoContent;
        request.Response.ContentLength = 0;
    }

    private async ValueTask<bool> TryMountAsync(RegistryRequest request, RepositoryRights rights, Digest digest, string? from)
    {
        // Without "from" the spec allows mounting any blob the registry holds; Weir does not, so a
        // blob's existence in repositories the caller cannot name stays private.
        if (from is null || from == request.Name || !Reference.IsValidRepository(from) || !await authorization.CanPullAsync(request, from).ConfigureAwait(false))
        {
            return false;
        }

        var source = await metadata.FindRepositoryAsync(from, request.Aborted).ConfigureAwait(false);
        var size = source is null ? null : await metadata.FindBlobAsync(source.Id, digest.Value, request.Aborted).ConfigureAwait(false);
        if (size is null || !await blobs.RefreshAsync(digest, CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }

        await metadata.LinkBlobAsync(TargetOf(request, rights), digest.Value, size.Value, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        WriteCreated(request, digest);
        return true;
    }

    private UploadSession FindSession(RegistryRequest request, string id)
    {
        var session = uploads.Find(id);
        if (session is null || !string.Equals(session.Repository, request.Name, StringComparison.Ordinal))
        {
            throw RegistryException.UploadUnknown(id);
        }

        if (session.LastActivity < time.GetUtcNow() - options.UploadExpiry)
        {
            // Expired sessions are also swept by garbage collection; this makes expiry exact.
            uploads.Delete(id);
            throw RegistryException.UploadUnknown(id);
        }

        return session;
    }

    private async ValueTask<UploadSession> AppendBodyAsync(RegistryRequest request, UploadSession session, bool checkRange)
    {
        var declaredLength = request.Request.ContentLength;
        long? expected = declaredLength;
        if (checkRange && ContentRangeHeader.Parse(request.Request.Headers.ContentRange.ToString()) is { } range)
        {
            if (range.Start != session.Length)
            {
                throw new RegistryException(
                    HttpStatusCode.RequestedRangeNotSatisfiable,
                    RegistryErrorCode.RangeInvalid,
                    "the chunk does not start where the upload ends",
                    new { expectedStart = session.Length, start = range.Start })
                {
                    Headers = SessionHeaders(request, session),
                };
            }

            if (declaredLength is { } length && length != range.Length)
            {
                throw RegistryException.SizeInvalid(
                    "Content-Length does not match Content-Range",
                    new { contentLength = length, rangeLength = range.Length });
            }

            expected = range.Length;
        }

        var outcome = await uploads.AppendAsync(session, request.Request.Body, expected, request.Aborted).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            throw RegistryException.SizeInvalid(
                "the request body does not have the announced length",
                new { expected, received = outcome.Received });
        }

        return session with { Length = outcome.Length };
    }

    private async ValueTask CommitAsync(RegistryRequest request, RepositoryRights rights, UploadSession session, Digest digest)
    {
        var (staged, actual) = await uploads.VerifyAsync(session, digest, request.Aborted).ConfigureAwait(false);
        if (staged is null)
        {
            uploads.Delete(session.Id);
            throw RegistryException.DigestInvalid(
                "the uploaded content does not match the digest",
                new { expected = digest.Value, actual = actual.Value, size = session.Length });
        }

        // Past verification the blob is stored even if the client disconnects now.
        await blobs.AdoptVerifiedFileAsync(digest, staged.Path, CancellationToken.None).ConfigureAwait(false);
        await metadata.LinkBlobAsync(TargetOf(request, rights), digest.Value, staged.Length, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        uploads.Delete(session.Id);
        WriteCreated(request, digest);
    }

    private static NewRepository TargetOf(RegistryRequest request, RepositoryRights rights) =>
        rights.Repository is { } existing
            ? new NewRepository(existing.Name, existing.OwnerUserId, existing.OwnerOrganizationId, existing.IsPublic)
            : rights.Creation ?? throw new InvalidOperationException($"Push to '{request.Name}' was authorised without an owner for the new repository.");

    private static void WriteCreated(RegistryRequest request, Digest digest)
    {
        var response = request.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{request.Name}/blobs/{digest.Value}";
        response.Headers[RegistryHeaders.ContentDigest] = digest.Value;
        response.ContentLength = 0;
    }

    private static void WriteSessionHeaders(RegistryRequest request, UploadSession session)
    {
        foreach (var (name, value) in SessionHeaders(request, session))
        {
            request.Response.Headers[name] = value;
        }

        request.Response.ContentLength = 0;
    }

    private static Dictionary<string, string> SessionHeaders(RegistryRequest request, UploadSession session) => new()
    {
        ["Location"] = $"/v2/{request.Name}/blobs/uploads/{session.Id}",
        ["Range"] = string.Create(CultureInfo.InvariantCulture, $"0-{Math.Max(session.Length - 1, 0)}"),
        [RegistryHeaders.UploadUuid] = session.Id,
    };
}
