using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Weir.Oci.Content;

namespace Weir.Oci.Tests.Support;

/// <summary>
/// An in-memory OCI registry behind an <see cref="HttpMessageHandler"/>, strict where the spec is strict
/// (digest checks, in-order chunks with 416, per-repository scopes) and instrumented for tests
/// (request log, corrupt or interrupted blob responses, one-off injected responses).
/// </summary>
internal sealed class FakeRegistry : HttpMessageHandler
{
    public const string Host = "registry.test:5000";
    public const string TokenRealm = "https://auth.test/token";
    public const string Service = "registry.test";

    private readonly ConcurrentDictionary<string, byte[]> blobs = new();
    private readonly ConcurrentDictionary<string, HashSet<string>> repositoryBlobs = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string MediaType)> manifests = new();
    private readonly ConcurrentDictionary<string, MemoryStream> uploads = new();
    private readonly ConcurrentDictionary<string, string> uploadRepositories = new();
    private readonly ConcurrentDictionary<string, string[]> issuedTokens = new();
    private int nextId;

    public AuthMode Auth { get; init; } = AuthMode.Anonymous;

    public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request, as "METHOD path?query" (Range and Content-Range appended when present).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Token requests, as their query strings.</summary>
    public ConcurrentQueue<string> TokenRequests { get; } = new();

    /// <summary>Blob digests whose GET answers other bytes (as a broken cache or a tampering proxy would).</summary>
    public HashSet<string> CorruptBlobs { get; } = [];

    /// <summary>Blob digest → number of bytes after which a full (non-ranged) GET breaks the connection.</summary>
    public Dictionary<string, int> InterruptBlobsAfter { get; } = [];

    /// <summary>Serve manifests with a wrong Docker-Content-Digest header.</summary>
    public bool LieAboutManifestDigest { get; set; }

    /// <summary>Consulted for every request until it returns a response, which is then sent instead of handling the request.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    public enum AuthMode
    {
        Anonymous,
        Basic,
        Bearer,
    }

    public bool HasBlob(string repository, Digest digest) =>
        repositoryBlobs.TryGetValue(repository, out var set) && set.Contains(digest.Value);

    public byte[]? GetManifest(string repository, string reference) =>
        manifests.TryGetValue(repository + "@" + reference, out var manifest) ? manifest.Content : null;

    /// <summary>Seeds content as if someone else had pushed it.</summary>
    public void AddBlob(string repository, byte[] content)
    {
        var digest = Digest.Compute(content).Value;
        blobs[digest] = content;
        repositoryBlobs.GetOrAdd(repository, _ => []).Add(digest);
    }

    /// <summary>Seeds a manifest under a tag and its digest.</summary>
    public void AddManifest(string repository, string tag, byte[] content, string contentType)
    {
        var digest = Digest.Compute(content).Value;
        manifests[repository + "@" + tag] = (content, contentType);
        manifests[repository + "@" + digest] = (content, contentType);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var line = $"{request.Method} {uri.PathAndQuery}";
        if (request.Headers.Range is not null)
        {
            line += $" Range={request.Headers.Range}";
        }

        if (request.Content?.Headers.TryGetValues("Content-Range", out var contentRange) == true)
        {
            line += $" Content-Range={contentRange.First()}";
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);

        if (uri.Host == "auth.test")
        {
            var form = request.Method == HttpMethod.Post ? "?" + Encoding.UTF8.GetString(body).Replace('+', ' ') : uri.Query;
            TokenRequests.Enqueue($"{request.Method} {form}");
            return Token(request, form);
        }

        Requests.Enqueue(line);
        if (Intercept?.Invoke(request) is { } intercepted)
        {
            Intercept = null;
            return intercepted;
        }

        if (uri.Authority != Host)
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway);
        }

        var path = uri.AbsolutePath;
        if (path == "/v2/")
        {
            return Authorize(request, null, false) ?? new HttpResponseMessage(HttpStatusCode.OK);
        }

        var (repository, kind, rest) = Split(path);
        if (repository is null)
        {
            return Error(HttpStatusCode.NotFound, "NAME_INVALID", "bad path");
        }

        var push = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        if (Authorize(request, repository, push) is { } denied)
        {
            return denied;
        }

        return kind switch
        {
            "manifests" => Manifests(request, repository, rest, body),
            "blobs" when rest.StartsWith("uploads/", StringComparison.Ordinal) => Uploads(request, repository, rest["uploads/".Length..], body),
            "blobs" => Blob(request, repository, rest),
            _ => Error(HttpStatusCode.NotFound, "UNSUPPORTED", "unknown endpoint"),
        };
    }

    private HttpResponseMessage? Authorize(HttpRequestMessage request, string? repository, bool push)
    {
        if (Auth == AuthMode.Anonymous)
        {
            return null;
        }

        var header = request.Headers.Authorization;
        if (Auth == AuthMode.Basic)
        {
            if (header?.Scheme == "Basic" && CheckBasic(header.Parameter))
            {
                return null;
            }

            var basic = Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "authentication required");
            basic.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"fake\"");
            return basic;
        }

        var actions = push ? "pull,push" : "pull";
        var needed = repository is null ? [] : actions.Split(',').Select(action => $"repository:{repository}:{action}").ToArray();
        if (header?.Scheme == "Bearer" && header.Parameter is not null && issuedTokens.TryGetValue(header.Parameter, out var granted)
            && needed.All(granted.Contains))
        {
            return null;
        }

        var response = Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "authentication required");
        var challenge = $"realm=\"{TokenRealm}\",service=\"{Service}\"" + (repository is null ? "" : $",scope=\"repository:{repository}:{actions}\"");
        if (header?.Scheme == "Bearer")
        {
            challenge += ",error=\"insufficient_scope\"";
        }

        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", challenge));
        return response;
    }

    private bool CheckBasic(string? parameter)
    {
        if (parameter is null)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Users.TryGetValue(decoded[..colon], out var password) && password == decoded[(colon + 1)..];
    }

    /// <summary>Refresh tokens the POST (OAuth2) flow accepts, mapped to their user.</summary>
    public Dictionary<string, string> RefreshTokens { get; } = new(StringComparer.Ordinal);

    private HttpResponseMessage Token(HttpRequestMessage request, string queryOrForm)
    {
        var user = request.Headers.Authorization is { Scheme: "Basic" } basic ? basic.Parameter : null;
        if (user is not null && !CheckBasic(user))
        {
            return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "bad credentials");
        }

        var query = queryOrForm.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: pair[0], Value: Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : "")))
            .ToList();
        if (request.Method == HttpMethod.Post)
        {
            var refresh = query.FirstOrDefault(pair => pair.Name == "refresh_token").Value;
            if (query.FirstOrDefault(pair => pair.Name == "grant_type").Value != "refresh_token" || refresh is null || !RefreshTokens.ContainsKey(refresh))
            {
                return Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "bad refresh token");
            }

            user = RefreshTokens[refresh];

            // The OAuth2 form carries all scopes space-separated in one field.
            query = [.. query.Where(pair => pair.Name != "scope"), .. query.Where(pair => pair.Name == "scope").SelectMany(pair => pair.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(scope => (Name: "scope", Value: scope))];
        }
        if (!query.Any(pair => pair.Name == "service" && pair.Value == Service))
        {
            return Error(HttpStatusCode.BadRequest, "UNSUPPORTED", "wrong service");
        }

        // Anonymous callers get pull only; authenticated users get what they ask for.
        var granted = new List<string>();
        foreach (var scope in query.Where(pair => pair.Name == "scope").Select(pair => pair.Value))
        {
            var last = scope.LastIndexOf(':');
            var resource = scope[..last];
            foreach (var action in scope[(last + 1)..].Split(','))
            {
                if (user is not null || action == "pull")
                {
                    granted.Add($"{resource}:{action}");
                }
            }
        }

        var token = "token-" + Interlocked.Increment(ref nextId);
        issuedTokens[token] = [.. granted];
        return Json(HttpStatusCode.OK, $"{{\"token\":\"{token}\",\"access_token\":\"{token}\",\"expires_in\":300}}");
    }

    private HttpResponseMessage Manifests(HttpRequestMessage request, string repository, string reference, byte[] body)
    {
        if (request.Method == HttpMethod.Put)
        {
            var digest = Digest.Compute(body);
            if (reference.Contains(':', StringComparison.Ordinal) && reference != digest.Value)
            {
                return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", "digest mismatch");
            }

            var manifest = ImageManifest.Parse(body);
            foreach (var descriptor in manifest.Layers.Append(manifest.Config))
            {
                if (!HasBlob(repository, descriptor.Digest))
                {
                    return Error(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN", descriptor.Digest.Value);
                }
            }

            var contentType = request.Content!.Headers.ContentType!.MediaType!;
            manifests[repository + "@" + reference] = (body, contentType);
            manifests[repository + "@" + digest.Value] = (body, contentType);
            var created = new HttpResponseMessage(HttpStatusCode.Created);
            created.Headers.Location = new Uri($"/v2/{repository}/manifests/{digest}", UriKind.Relative);
            created.Headers.Add("Docker-Content-Digest", digest.Value);
            return created;
        }

        if (!manifests.TryGetValue(repository + "@" + reference, out var stored))
        {
            return Error(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", "manifest unknown");
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : stored.Content) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(stored.MediaType);
        response.Headers.Add("Docker-Content-Digest", LieAboutManifestDigest ? Digest.Compute("lie"u8).Value : Digest.Compute(stored.Content).Value);
        return response;
    }

    private HttpResponseMessage Blob(HttpRequestMessage request, string repository, string digestText)
    {
        if (!Digest.TryParse(digestText, out var digest))
        {
            return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", "bad digest");
        }

        if (!HasBlob(repository, digest) || !blobs.TryGetValue(digest.Value, out var content))
        {
            return Error(HttpStatusCode.NotFound, "BLOB_UNKNOWN", "blob unknown");
        }

        if (CorruptBlobs.Contains(digest.Value))
        {
            content = [.. content];
            content[^1] ^= 0xff;
        }

        if (request.Method == HttpMethod.Head)
        {
            var head = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            head.Headers.Add("Docker-Content-Digest", digest.Value);
            return head;
        }

        var range = request.Headers.Range?.Ranges.FirstOrDefault();
        if (range?.From is { } from)
        {
            var partial = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(content[(int)from..]) };
            partial.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, content.Length - 1, content.Length);
            return partial;
        }

        HttpContent payload = InterruptBlobsAfter.TryGetValue(digest.Value, out var cut)
            ? new StreamContent(new BreakingStream(content, cut))
            : new ByteArrayContent(content);
        var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = payload };
        ok.Headers.Add("Docker-Content-Digest", digest.Value);
        return ok;
    }

    private HttpResponseMessage Uploads(HttpRequestMessage request, string repository, string rest, byte[] body)
    {
        var query = ParseQuery(request.RequestUri!.Query);
        if (request.Method == HttpMethod.Post && rest.Length == 0)
        {
            if (query.TryGetValue("mount", out var mount) && query.TryGetValue("from", out var from)
                && repositoryBlobs.TryGetValue(from, out var source) && source.Contains(mount))
            {
                repositoryBlobs.GetOrAdd(repository, _ => []).Add(mount);
                var mounted = new HttpResponseMessage(HttpStatusCode.Created);
                mounted.Headers.Location = new Uri($"/v2/{repository}/blobs/{mount}", UriKind.Relative);
                mounted.Headers.Add("Docker-Content-Digest", mount);
                return mounted;
            }

            var id = "u" + Interlocked.Increment(ref nextId);
            uploads[id] = new MemoryStream();
            uploadRepositories[id] = repository;
            return Accepted(repository, id, 0);
        }

        var sessionId = rest;
        if (!uploads.TryGetValue(sessionId, out var upload) || uploadRepositories[sessionId] != repository)
        {
            return Error(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", "upload unknown");
        }

        if (request.Method == HttpMethod.Get)
        {
            var status = Accepted(repository, sessionId, upload.Length);
            status.StatusCode = HttpStatusCode.NoContent;
            return status;
        }

        if (request.Method == HttpMethod.Patch || (request.Method == HttpMethod.Put && body.Length > 0))
        {
            if (request.Content!.Headers.TryGetValues("Content-Range", out var values))
            {
                var parts = values.First().Split('-');
                if (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) != upload.Length
                    || long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) != upload.Length + body.Length - 1)
                {
                    return Error(HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID", "out of order");
                }
            }

            upload.Write(body);
            if (request.Method == HttpMethod.Patch)
            {
                return Accepted(repository, sessionId, upload.Length);
            }
        }

        if (request.Method == HttpMethod.Put)
        {
            var content = upload.ToArray();
            if (!query.TryGetValue("digest", out var digestText) || !Digest.TryParse(digestText, out var expected))
            {
                return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", "digest missing");
            }

            if (Digest.Compute(content) != expected)
            {
                return Error(HttpStatusCode.BadRequest, "DIGEST_INVALID", "provided digest did not match uploaded content");
            }

            uploads.TryRemove(sessionId, out _);
            blobs[expected.Value] = content;
            repositoryBlobs.GetOrAdd(repository, _ => []).Add(expected.Value);
            var created = new HttpResponseMessage(HttpStatusCode.Created);
            created.Headers.Location = new Uri($"/v2/{repository}/blobs/{expected}", UriKind.Relative);
            created.Headers.Add("Docker-Content-Digest", expected.Value);
            return created;
        }

        return Error(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", "method");
    }

    private static HttpResponseMessage Accepted(string repository, string id, long length)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Accepted);
        response.Headers.Location = new Uri($"/v2/{repository}/blobs/uploads/{id}?_state=opaque", UriKind.Relative);
        response.Headers.TryAddWithoutValidation("Range", $"0-{Math.Max(0, length - 1)}");
        response.Headers.Add("Docker-Upload-UUID", id);
        return response;
    }

    private static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""), StringComparer.Ordinal);

    private static (string? Repository, string Kind, string Remainder) Split(string path)
    {
        foreach (var kind in new[] { "/manifests/", "/blobs/" })
        {
            var index = path.IndexOf(kind, StringComparison.Ordinal);
            if (path.StartsWith("/v2/", StringComparison.Ordinal) && index > 4)
            {
                return (path[4..index], kind.Trim('/'), Uri.UnescapeDataString(path[(index + kind.Length)..]));
            }
        }

        return (null, "", "");
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Serves some bytes, then fails like a dropped connection.</summary>
    private sealed class BreakingStream(byte[] content, int breakAfter) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position >= breakAfter)
            {
                throw new IOException("connection reset by peer (simulated)");
            }

            var n = Math.Min(count, breakAfter - position);
            Array.Copy(content, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
