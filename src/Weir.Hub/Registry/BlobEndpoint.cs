using System.Buffers;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Hub.Storage;

namespace Weir.Hub.Registry;

/// <summary><c>GET/HEAD/DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>: blobs are streamed from disk (sendfile where the server supports it), with single-range support.</summary>
internal sealed class BlobEndpoint
{
    private const int CopyBufferSize = 128 * 1024;

    private readonly IMetadataStore metadata;
    private readonly IBlobStore blobs;
    private readonly RegistryAuthorization authorization;

    public BlobEndpoint(IMetadataStore metadata, IBlobStore blobs, RegistryAuthorization authorization)
    {
        this.metadata = metadata;
        this.blobs = blobs;
        this.authorization = authorization;
    }

    public async Task GetAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Pull).ConfigureAwait(false);
        var digest = DigestArgument.Parse(request.Route.Reference, "the blob digest");
        var repository = rights.Repository ?? throw RegistryException.NameUnknown(request.Name);
        _ = await metadata.FindBlobAsync(repository.Id, digest.Value, request.Aborted).ConfigureAwait(false)
            ?? throw RegistryException.BlobUnknown(digest.Value);
        var stat = await blobs.StatAsync(digest, request.Aborted).ConfigureAwait(false)
            ?? throw RegistryException.BlobUnknown(digest.Value);

        var response = request.Response;
        response.Headers[RegistryHeaders.ContentDigest] = digest.Value;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = $"\"{digest.Value}\"";
        response.ContentType = "application/octet-stream";

        var range = ByteRange.Parse(request.Request.Headers.Range.ToString(), stat.Length, out var unsatisfiable);
        if (unsatisfiable)
        {
            throw new RegistryException(HttpStatusCode.RequestedRangeNotSatisfiable, RegistryErrorCode.RangeInvalid, "requested range not satisfiable", new { length = stat.Length })
            {
                Headers = new Dictionary<string, string> { [HeaderNames.ContentRange] = $"bytes */{stat.Length}" },
            };
        }

        var offset = range?.Start ?? 0;
        var count = range?.Length ?? stat.Length;
        if (range is not null)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {offset}-{offset + count - 1}/{stat.Length}");
        }

        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Request.Method) || count == 0)
        {
            return;
        }

        if (stat.LocalPath is not null)
        {
            await response.SendFileAsync(stat.LocalPath, offset, count, request.Aborted).ConfigureAwait(false);
            return;
        }

        var source = await blobs.OpenReadAsync(digest, offset, request.Aborted).ConfigureAwait(false)
            ?? throw RegistryException.BlobUnknown(digest.Value);
        await using (source.ConfigureAwait(false))
        {
            await CopyAsync(source, response.Body, count, request.Aborted).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Delete).ConfigureAwait(false);
        var digest = DigestArgument.Parse(request.Route.Reference, "the blob digest");
        var repository = rights.Repository ?? throw RegistryException.NameUnknown(request.Name);

        // Only the repository's link goes; the bytes stay until garbage collection finds no other user.
        if (!await metadata.UnlinkBlobAsync(repository.Id, digest.Value, request.Aborted).ConfigureAwait(false))
        {
            throw RegistryException.BlobUnknown(digest.Value);
        }

        request.Response.StatusCode = StatusCodes.Status202Accepted;
        request.Response.Headers[RegistryHeaders.ContentDigest] = digest.Value;
        request.Response.ContentLength = 0;
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
