using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Weir.Oci.Content;
using Weir.Oci.Registry.Authentication;

namespace Weir.Oci.Registry;

/// <summary>
/// An OCI Distribution v1.1 client: manifests and blobs, monolithic and chunked uploads, cross-repository
/// mounts, resumable ranged downloads, and anonymous, Basic or Bearer-token authentication.
/// Every manifest and blob it returns has been checked against its digest.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    /// <summary>Manifests larger than this are refused (the spec asks registries to accept at least 4 MiB).</summary>
    public const int MaxManifestSize = 16 * 1024 * 1024;

    private const int CopyBufferSize = 81920;
    private const int MaxErrorBodySize = 64 * 1024;
    private readonly HttpClient http;
    private readonly RegistryClientOptions options;
    private readonly RegistryAuthenticator authenticator;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Transport and credential settings.</param>
    /// <param name="handler">The HTTP handler to use (tests pass an in-process server's); a new <see cref="SocketsHttpHandler"/> when null.</param>
    public RegistryClient(RegistryClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        this.options = options ?? new RegistryClientOptions();
        http = new HttpClient(handler ?? CreateHandler(this.options), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(this.options.UserAgent);
        authenticator = new RegistryAuthenticator(http, this.options);
    }

    /// <summary>The number of bearer tokens fetched so far.</summary>
    public int TokensFetched => authenticator.TokensFetched;

    /// <summary>Says whether <paramref name="registry"/> is a loopback host (plain HTTP by default).</summary>
    public static bool IsLoopback(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var host = registry;
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            host = end > 0 ? host[1..end] : host;
        }
        else
        {
            var colon = host.LastIndexOf(':');
            host = colon >= 0 ? host[..colon] : host;
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The base URI of a registry's API (scheme and host; <c>docker.io</c> maps to <c>registry-1.docker.io</c>).</summary>
    public Uri GetBaseUri(string registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        var host = registry == Reference.DefaultRegistry ? "registry-1.docker.io" : registry;
        var scheme = options.PlainHttp || IsLoopback(registry) ? "http" : "https";
        return new Uri($"{scheme}://{host}/");
    }

    /// <summary>
    /// Calls <c>GET /v2/</c> with the credentials this client would use and fails unless the registry accepts them
    /// (used by <c>weir login</c>; with a token service, this validates the credentials against it).
    /// </summary>
    /// <exception cref="RegistryException">The registry or its token service refused.</exception>
    public async Task CheckAsync(string registry, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(registry, [], () => new HttpRequestMessage(HttpMethod.Get, new Uri(GetBaseUri(registry), "v2/")), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"GET {registry}/v2/", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches the manifest or index <paramref name="reference"/> names and verifies its digest.</summary>
    /// <exception cref="RegistryException">The registry answered with an error (404 for unknown references).</exception>
    /// <exception cref="DigestMismatchException">The bytes do not match the pinned digest or the registry's <c>Docker-Content-Digest</c>.</exception>
    public async Task<ManifestResponse> GetManifestAsync(Reference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var uri = RepositoryUri(reference, $"manifests/{reference.Identifier}");
        using var response = await SendAsync(reference.Registry, [PullScope(reference.Repository)], () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var type in MediaTypes.AcceptedManifests)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            return request;
        }, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"GET manifest {reference}", cancellationToken).ConfigureAwait(false);

        var length = response.Content.Headers.ContentLength;
        if (length > MaxManifestSize)
        {
            throw new RegistryException($"The manifest of {reference} is {length} bytes, more than the {MaxManifestSize}-byte limit.");
        }

        var content = await ReadLimitedAsync(response.Content, MaxManifestSize, cancellationToken).ConfigureAwait(false);
        var expected = reference.Digest ?? HeaderDigest(response);
        var actual = Digest.Compute(content, expected?.Algorithm ?? Digest.Sha256);
        if (expected is not null && expected != actual)
        {
            throw new DigestMismatchException(expected, actual);
        }

        var mediaType = ImageManifest.PeekMediaType(content) ?? MediaTypes.Normalize(response.Content.Headers.ContentType?.MediaType)
            ?? throw new RegistryException($"The manifest of {reference} has neither a mediaType member nor a Content-Type.");
        return new ManifestResponse(content, mediaType, actual);
    }

    /// <summary>Uploads a manifest under <paramref name="reference"/>'s tag (or digest) and checks the digest the registry reports.</summary>
    /// <returns>The manifest's digest.</returns>
    /// <exception cref="RegistryException">The registry refused the manifest.</exception>
    public async Task<Digest> PutManifestAsync(Reference reference, ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        var digest = Digest.Compute(manifest.Span, reference.Digest?.Algorithm ?? Digest.Sha256);
        if (reference.Digest is not null && reference.Digest != digest)
        {
            throw new DigestMismatchException(reference.Digest, digest);
        }

        var uri = RepositoryUri(reference, $"manifests/{reference.Tag ?? digest.Value}");
        using var response = await SendAsync(reference.Registry, [PushScope(reference.Repository)], () =>
        {
            var content = new ReadOnlyMemoryContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"PUT manifest {reference}", cancellationToken).ConfigureAwait(false);
        var reported = HeaderDigest(response);
        if (reported is not null && reported.Algorithm == digest.Algorithm && reported != digest)
        {
            throw new RegistryException($"The registry stored the manifest of {reference} as {reported}, but its bytes hash to {digest}.");
        }

        return digest;
    }

    /// <summary>Says whether the repository of <paramref name="repository"/> holds the blob (HEAD).</summary>
    public Task<bool> BlobExistsAsync(Reference repository, Digest digest, CancellationToken cancellationToken = default) =>
        BlobExistsAsync(repository, digest, PullScope(repository.Repository), cancellationToken);

    private async Task<bool> BlobExistsAsync(Reference repository, Digest digest, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        var uri = RepositoryUri(repository, $"blobs/{digest}");
        using var response = await SendAsync(repository.Registry, [scope], () => new HttpRequestMessage(HttpMethod.Head, uri), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"HEAD blob {digest}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Fetches a small blob (such as a config) into memory and verifies it.</summary>
    /// <exception cref="DigestMismatchException">The bytes have another digest.</exception>
    public async Task<byte[]> GetBlobAsync(Reference repository, Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(descriptor);
        var uri = RepositoryUri(repository, $"blobs/{descriptor.Digest}");
        using var response = await SendAsync(repository.Registry, [PullScope(repository.Repository)], () => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"GET blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        var content = await ReadLimitedAsync(response.Content, checked((int)Math.Min(descriptor.Size, Array.MaxLength)), cancellationToken).ConfigureAwait(false);
        descriptor.Digest.Verify(content);
        return content;
    }

    /// <summary>
    /// Downloads a blob into <paramref name="partialPath"/>, continuing an earlier partial download with a
    /// <c>Range</c> request when the file already holds a prefix. The caller verifies the finished file
    /// (see <see cref="Store.LocalStore.CommitPartialDownloadAsync"/>).
    /// </summary>
    /// <param name="repository">The repository to read from.</param>
    /// <param name="descriptor">The blob; its size bounds the download.</param>
    /// <param name="partialPath">The file to create or continue.</param>
    /// <param name="progress">Receives the number of bytes present so far.</param>
    /// <param name="cancellationToken">Cancels the download, leaving the partial file for the next attempt.</param>
    /// <returns>The number of bytes that were already present and did not need to be fetched.</returns>
    public async Task<long> DownloadBlobAsync(Reference repository, Descriptor descriptor, string partialPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(descriptor);
        var existing = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        if (existing > descriptor.Size)
        {
            File.Delete(partialPath);
            existing = 0;
        }

        if (existing == descriptor.Size)
        {
            progress?.Report(existing);
            return existing;
        }

        var uri = RepositoryUri(repository, $"blobs/{descriptor.Digest}");
        using var response = await SendAsync(repository.Registry, [PullScope(repository.Repository)], () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (existing > 0)
            {
                request.Headers.Range = new RangeHeaderValue(existing, null);
            }

            return request;
        }, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"GET blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);

        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (resumed && response.Content.Headers.ContentRange?.From != existing)
        {
            throw new RegistryException($"The registry answered a ranged read of {descriptor.Digest} from byte {existing} with a different range ({response.Content.Headers.ContentRange}).");
        }

        var offset = resumed ? existing : 0;
        var mode = resumed ? FileMode.Append : FileMode.Create;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(partialPath))!);
        await using var file = new FileStream(partialPath, mode, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var total = offset;
            progress?.Report(total);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > descriptor.Size)
                {
                    throw new RegistryException($"The registry sent more than the {descriptor.Size} bytes declared for blob {descriptor.Digest}.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                progress?.Report(total);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return offset;
    }

    /// <summary>
    /// Makes the blob present in the repository: nothing if it already is, a cross-repository mount when one of
    /// <paramref name="mountFrom"/> (repositories of the same registry) has it, else an upload — one PUT for
    /// blobs up to <see cref="RegistryClientOptions.ChunkSize"/>, PATCH chunks with <c>Content-Range</c> above.
    /// </summary>
    /// <param name="repository">The target repository.</param>
    /// <param name="descriptor">The blob.</param>
    /// <param name="openContent">Opens the blob's bytes from the start; called again if a request has to be repeated.</param>
    /// <param name="mountFrom">Repositories of the same registry that may hold the blob.</param>
    /// <param name="progress">Receives the number of bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="RegistryException">The registry refused the upload.</exception>
    public async Task<BlobUploadResult> UploadBlobAsync(Reference repository, Descriptor descriptor, Func<Stream> openContent, IReadOnlyList<string>? mountFrom = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(openContent);
        // The existence check asks for the push scope too, so one token serves the whole upload.
        if (await BlobExistsAsync(repository, descriptor.Digest, PushScope(repository.Repository), cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(descriptor.Size);
            return BlobUploadResult.AlreadyExists;
        }

        var registry = repository.Registry;
        var uploads = RepositoryUri(repository, "blobs/uploads/");
        Uri? location = null;
        long minimumChunk = 0;
        foreach (var source in mountFrom ?? [])
        {
            if (source == repository.Repository)
            {
                continue;
            }

            var mountUri = new Uri(uploads, $"?mount={Uri.EscapeDataString(descriptor.Digest.Value)}&from={Uri.EscapeDataString(source)}");
            using var mount = await SendAsync(registry, [PushScope(repository.Repository), PullScope(source)], () => new HttpRequestMessage(HttpMethod.Post, mountUri) { Content = new ByteArrayContent([]) }, cancellationToken).ConfigureAwait(false);
            if (mount.StatusCode == HttpStatusCode.Created)
            {
                progress?.Report(descriptor.Size);
                return BlobUploadResult.Mounted;
            }

            if (mount.StatusCode == HttpStatusCode.Accepted)
            {
                // The registry could not mount and opened an upload session instead; use it.
                location = UploadLocation(mount, uploads);
                minimumChunk = ChunkMinimum(mount);
                break;
            }

            // A refused mount (e.g. no pull right on the source) is not fatal: fall back to uploading.
        }

        if (location is null)
        {
            using var start = await SendAsync(registry, [PushScope(repository.Repository)], () => new HttpRequestMessage(HttpMethod.Post, uploads) { Content = new ByteArrayContent([]) }, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(start, $"POST {repository.Repository}/blobs/uploads/", cancellationToken).ConfigureAwait(false);
            location = UploadLocation(start, uploads);
            minimumChunk = ChunkMinimum(start);
        }

        var chunkSize = (int)Math.Clamp(Math.Max(options.ChunkSize, minimumChunk), 1, 256L * 1024 * 1024);
        if (descriptor.Size <= options.ChunkSize)
        {
            var put = WithDigest(location, descriptor.Digest);
            using var response = await SendAsync(registry, [PushScope(repository.Repository)], () =>
            {
                var content = new StreamContent(new ProgressStream(openContent(), progress));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.ContentLength = descriptor.Size;
                return new HttpRequestMessage(HttpMethod.Put, put) { Content = content };
            }, cancellationToken).ConfigureAwait(false);
            await EnsureBlobCreatedAsync(response, descriptor, cancellationToken).ConfigureAwait(false);
            return BlobUploadResult.UploadedMonolithic;
        }

        await UploadChunksAsync(repository, descriptor, openContent, location, chunkSize, progress, cancellationToken).ConfigureAwait(false);
        return BlobUploadResult.UploadedChunked;
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task UploadChunksAsync(Reference repository, Descriptor descriptor, Func<Stream> openContent, Uri location, int chunkSize, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var registry = repository.Registry;
        var scopes = new[] { PushScope(repository.Repository) };
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            await using var content = openContent();
            long offset = 0;
            var recoveries = 0;
            while (offset < descriptor.Size)
            {
                var count = await ReadChunkAsync(content, buffer, (int)Math.Min(chunkSize, descriptor.Size - offset), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    throw new InvalidOperationException($"The content of blob {descriptor.Digest} ended at byte {offset}, before its declared size {descriptor.Size}.");
                }

                var chunkStart = offset;
                var target = location;
                using var response = await SendAsync(registry, scopes, () =>
                {
                    var chunk = new ByteArrayContent(buffer, 0, count);
                    chunk.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    chunk.Headers.TryAddWithoutValidation("Content-Range", $"{chunkStart}-{chunkStart + count - 1}");
                    return new HttpRequestMessage(HttpMethod.Patch, target) { Content = chunk };
                }, cancellationToken).ConfigureAwait(false);

                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && content.CanSeek && recoveries++ < 3)
                {
                    // The registry holds a different prefix than we think (e.g. a lost response): ask where it is and continue from there.
                    (location, offset) = await QueryUploadStatusAsync(registry, scopes, location, cancellationToken).ConfigureAwait(false);
                    content.Seek(offset, SeekOrigin.Begin);
                    continue;
                }

                await EnsureSuccessAsync(response, $"PATCH chunk {chunkStart}-{chunkStart + count - 1} of {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
                location = UploadLocation(response, location);
                offset += count;
                progress?.Report(offset);
            }

            var close = WithDigest(location, descriptor.Digest);
            using var closing = await SendAsync(registry, scopes, () => new HttpRequestMessage(HttpMethod.Put, close) { Content = new ByteArrayContent([]) }, cancellationToken).ConfigureAwait(false);
            await EnsureBlobCreatedAsync(closing, descriptor, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<(Uri Location, long Offset)> QueryUploadStatusAsync(string registry, string[] scopes, Uri location, CancellationToken cancellationToken)
    {
        using var status = await SendAsync(registry, scopes, () => new HttpRequestMessage(HttpMethod.Get, location), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(status, "GET upload status", cancellationToken).ConfigureAwait(false);
        var next = UploadLocation(status, location);
        var range = status.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;
        var dash = range?.LastIndexOf('-') ?? -1;
        return dash >= 0 && long.TryParse(range![(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? (next, last + 1)
            : (next, 0);
    }

    private static async Task<int> ReadChunkAsync(Stream content, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
            var read = await content.ReadAsync(buffer.AsMemory(total, count - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private async Task EnsureBlobCreatedAsync(HttpResponseMessage response, Descriptor descriptor, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, $"PUT blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        var reported = HeaderDigest(response);
        if (reported is not null && reported.Algorithm == descriptor.Digest.Algorithm && reported != descriptor.Digest)
        {
            throw new RegistryException($"The registry stored blob {descriptor.Digest} as {reported}.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string registry, IReadOnlyList<string> scopes, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var authorization = await authenticator.GetAuthorizationAsync(registry, scopes, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (var request = createRequest())
            {
                request.Headers.Authorization = authorization;
                try
                {
                    response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException exception)
                {
                    throw new RegistryException(DescribeConnectionFailure(registry, request.RequestUri, exception), exception);
                }
            }

            ReportWarnings(response);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt >= 2)
            {
                return response;
            }

            var next = await authenticator.AnswerChallengeAsync(registry, response, scopes, cancellationToken).ConfigureAwait(false);
            if (next is null || (authorization is not null && next.ToString() == authorization.ToString()))
            {
                return response;
            }

            response.Dispose();
            authorization = next;
        }
    }

    private string DescribeConnectionFailure(string registry, Uri? uri, HttpRequestException exception)
    {
        var text = $"Cannot reach registry {registry} at {uri?.GetLeftPart(UriPartial.Authority)}: {exception.Message}";
        if (uri?.Scheme == Uri.UriSchemeHttps && exception.InnerException is System.Security.Authentication.AuthenticationException or IOException)
        {
            text += " If the registry speaks plain HTTP, pass --plain-http.";
        }
        else if (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            text += " (connection refused: is the registry running?)";
        }

        return text;
    }

    private void ReportWarnings(HttpResponseMessage response)
    {
        if (options.OnWarning is null || !response.Headers.TryGetValues("Warning", out var warnings))
        {
            return;
        }

        foreach (var warning in warnings)
        {
            // Warning: 299 - "text"
            var quote = warning.IndexOf('"', StringComparison.Ordinal);
            var last = warning.LastIndexOf('"');
            if (warning.StartsWith("299", StringComparison.Ordinal) && quote >= 0 && last > quote)
            {
                options.OnWarning(warning[(quote + 1)..last]);
            }
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var codes = new List<string>();
        var details = new List<string>();
        try
        {
            var body = await ReadLimitedAsync(response.Content, MaxErrorBodySize, cancellationToken, truncate: true).ConfigureAwait(false);
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        var code = error.TryGetProperty("code", out var codeElement) ? codeElement.ToString() : "UNKNOWN";
                        var message = error.TryGetProperty("message", out var messageElement) ? messageElement.ToString() : "";
                        var detail = error.TryGetProperty("detail", out var detailElement) && detailElement.ValueKind != JsonValueKind.Null ? " " + detailElement.GetRawText() : "";
                        codes.Add(code);
                        details.Add($"{code}: {message}{detail}".Trim());
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not an OCI error body (e.g. distribution's plain-text 404 page); the status line says enough.
        }

        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " — authentication required or credentials rejected; try 'weir login'",
            HttpStatusCode.Forbidden => " — access denied",
            _ => "",
        };
        throw new RegistryException($"{what} failed: {status}{(details.Count > 0 ? " (" + string.Join("; ", details) + ")" : "")}{hint}", response.StatusCode, codes);
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken, bool truncate = false)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    if (truncate)
                    {
                        buffer.Write(chunk, 0, (int)(limit - buffer.Length));
                        break;
                    }

                    throw new RegistryException($"The registry sent more than the expected {limit} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static Digest? HeaderDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Digest.TryParse(values.FirstOrDefault()?.Trim(), out var digest) ? digest : null;

    private static Uri UploadLocation(HttpResponseMessage response, Uri relativeTo)
    {
        var location = response.Headers.Location
            ?? throw new RegistryException($"The registry answered {(int)response.StatusCode} to an upload request without a Location header.");
        return location.IsAbsoluteUri ? location : new Uri(relativeTo, location);
    }

    private static long ChunkMinimum(HttpResponseMessage response) =>
        response.Headers.TryGetValues("OCI-Chunk-Min-Length", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var minimum) ? minimum : 0;

    private static Uri WithDigest(Uri location, Digest digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : "") + "digest=" + Uri.EscapeDataString(digest.Value);
        return builder.Uri;
    }

    private Uri RepositoryUri(Reference reference, string path) => new(GetBaseUri(reference.Registry), $"v2/{reference.Repository}/{path}");

    private static string PullScope(string repository) => $"repository:{repository}:pull";

    private static string PushScope(string repository) => $"repository:{repository}:pull,push";

    private static SocketsHttpHandler CreateHandler(RegistryClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.SkipTlsVerify)
        {
#pragma warning disable CA5359 // Opt-in (--insecure) for development registries with self-signed certificates, as skopeo's --tls-verify=false.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
}
