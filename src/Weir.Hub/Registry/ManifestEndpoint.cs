using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Hub.Manifests;
using Weir.Hub.Metadata;
using Weir.Oci.Content;

namespace Weir.Hub.Registry;

/// <summary>
/// <c>GET/HEAD/PUT/DELETE /v2/&lt;name&gt;/manifests/&lt;tag or digest&gt;</c>. Manifests are stored as the
/// exact bytes received, in the metadata database, and served with the type they were pushed with,
/// whatever the client's <c>Accept</c> header says (the hub never converts manifests).
/// </summary>
internal sealed class ManifestEndpoint
{
    private readonly IMetadataStore metadata;
    private readonly RegistryAuthorization authorization;
    private readonly HubOptions options;
    private readonly TimeProvider time;
    private readonly IManifestObserver[] observers;

    public ManifestEndpoint(IMetadataStore metadata, RegistryAuthorization authorization, HubOptions options, TimeProvider time, IEnumerable<IManifestObserver> observers)
    {
        this.metadata = metadata;
        this.authorization = authorization;
        this.options = options;
        this.time = time;
        this.observers = [.. observers];
    }

    public async Task GetAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Pull).ConfigureAwait(false);
        var repository = rights.Repository ?? throw RegistryException.NameUnknown(request.Name);
        var reference = request.Route.Reference;
        var head = HttpMethods.IsHead(request.Request.Method);
        ManifestRecord? manifest;
        if (reference.Contains(':', StringComparison.Ordinal))
        {
            var digest = DigestArgument.Parse(reference, "the manifest digest");
            manifest = await metadata.FindManifestByDigestAsync(repository.Id, digest.Value, !head, request.Aborted).ConfigureAwait(false);
        }
        else
        {
            ValidateTag(reference);
            manifest = await metadata.FindManifestByTagAsync(repository.Id, reference, !head, request.Aborted).ConfigureAwait(false);
        }

        if (manifest is null)
        {
            throw RegistryException.ManifestUnknown(reference);
        }

        var response = request.Response;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Size;
        response.Headers[RegistryHeaders.ContentDigest] = manifest.Digest;
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (!head)
        {
            await response.Body.WriteAsync(manifest.Content, request.Aborted).ConfigureAwait(false);
            foreach (var observer in observers)
            {
                observer.ManifestPulled(repository, manifest);
            }
        }
    }

    public async Task PutAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Pull | AccessScopes.Push).ConfigureAwait(false);
        var reference = request.Route.Reference;
        Digest? urlDigest = null;
        string? tag = null;
        if (reference.Contains(':', StringComparison.Ordinal))
        {
            urlDigest = DigestArgument.Parse(reference, "the manifest digest");
        }
        else
        {
            ValidateTag(reference);
            tag = reference;
        }

        var content = await ReadBodyAsync(request).ConfigureAwait(false);
        var digest = Digest.Compute(content, urlDigest?.Algorithm ?? Digest.Sha256);
        if (urlDigest is not null && urlDigest != digest)
        {
            throw RegistryException.DigestInvalid("the manifest does not match the digest it was pushed under", new { expected = urlDigest.Value, actual = digest.Value });
        }

        var document = ManifestParser.Parse(content, request.Request.ContentType);
        var target = rights.Repository is { } existing
            ? new NewRepository(existing.Name, existing.OwnerUserId, existing.OwnerOrganizationId, existing.IsPublic)
            : rights.Creation ?? throw new InvalidOperationException($"Push to '{request.Name}' was authorised without an owner for the new repository.");
        var write = new ManifestWrite(digest.Value, document.MediaType, document.ArtifactType, document.SubjectDigest, content, document.AnnotationsJson, document.References);
        var result = await metadata.PutManifestAsync(target, write, tag, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (!result.Stored)
        {
            var first = result.Missing[0];
            throw new RegistryException(
                HttpStatusCode.BadRequest,
                RegistryErrorCode.ManifestBlobUnknown,
                first.Kind == ManifestReferenceKind.Blob ? "manifest references a blob unknown to this repository" : "index references a manifest unknown to this repository",
                new { digest = first.Digest, missing = result.Missing.Select(missing => missing.Digest).ToList() });
        }

        var response = request.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{request.Name}/manifests/{digest.Value}";
        response.Headers[RegistryHeaders.ContentDigest] = digest.Value;
        if (document.SubjectDigest is not null)
        {
            response.Headers[RegistryHeaders.Subject] = document.SubjectDigest;
        }

        response.ContentLength = 0;
        foreach (var observer in observers)
        {
            observer.RepositoryChanged(target.Name);
        }
    }

    public async Task DeleteAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Delete).ConfigureAwait(false);
        var repository = rights.Repository ?? throw RegistryException.NameUnknown(request.Name);
        var reference = request.Route.Reference;
        bool deleted;
        if (reference.Contains(':', StringComparison.Ordinal))
        {
            var digest = DigestArgument.Parse(reference, "the manifest digest");
            deleted = await metadata.DeleteManifestAsync(repository.Id, digest.Value, request.Aborted).ConfigureAwait(false);
        }
        else
        {
            ValidateTag(reference);
            deleted = await metadata.DeleteTagAsync(repository.Id, reference, request.Aborted).ConfigureAwait(false);
        }

        if (!deleted)
        {
            throw RegistryException.ManifestUnknown(reference);
        }

        request.Response.StatusCode = StatusCodes.Status202Accepted;
        request.Response.ContentLength = 0;
        foreach (var observer in observers)
        {
            observer.RepositoryChanged(repository.Name);
        }
    }

    private async ValueTask<byte[]> ReadBodyAsync(RegistryRequest request)
    {
        var limit = options.MaxManifestBytes;
        if (request.Request.ContentLength is { } announced && announced > limit)
        {
            throw TooLarge(limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        throw TooLarge(limit);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Request.Body.ReadAsync(buffer.AsMemory(length), request.Aborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw TooLarge(limit);
                }
            }

            if (length == 0)
            {
                throw RegistryException.ManifestInvalid("the manifest body is empty");
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RegistryException TooLarge(int limit) =>
        new(HttpStatusCode.RequestEntityTooLarge, RegistryErrorCode.ManifestInvalid, "manifest too large", new { limit });

    private static void ValidateTag(string tag)
    {
        if (!Reference.IsValidTag(tag))
        {
            throw new RegistryException(
                HttpStatusCode.BadRequest,
                RegistryErrorCode.TagInvalid,
                "invalid tag",
                new { tag, rule = "[A-Za-z0-9_][A-Za-z0-9._-]{0,127}" });
        }
    }
}
