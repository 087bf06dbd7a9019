using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Weir.Oci.Registry.Authentication;

/// <summary>
/// Turns 401 challenges into <c>Authorization</c> headers: Basic with the registry's credentials, or
/// Bearer tokens from the challenge's realm (GET with Basic, or the OAuth2 POST flow for identity tokens),
/// cached per registry and scope set until shortly before they expire.
/// </summary>
internal sealed class RegistryAuthenticator
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);
    private const int DefaultTokenLifetimeSeconds = 60;

    private readonly HttpClient http;
    private readonly RegistryClientOptions options;
    private readonly ConcurrentDictionary<string, BearerToken> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AuthenticationChallenge> challenges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegistryCredential?> credentials = new(StringComparer.Ordinal);
    private int tokensFetched;

    public RegistryAuthenticator(HttpClient http, RegistryClientOptions options)
    {
        this.http = http;
        this.options = options;
    }

    /// <summary>Number of tokens fetched so far (tests check that tokens are reused).</summary>
    public int TokensFetched => Volatile.Read(ref tokensFetched);

    /// <summary>
    /// An Authorization header to send up front, when this registry's scheme is known from an earlier challenge
    /// (so each new scope costs one token request, not a 401 round trip as well).
    /// </summary>
    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(string registry, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (!challenges.TryGetValue(registry, out var challenge))
        {
            return null;
        }

        if (challenge.IsBasic)
        {
            return BasicHeader(registry, scopes);
        }

        var token = FindToken(registry, scopes);
        if (token is not null)
        {
            return new AuthenticationHeaderValue("Bearer", token.Value);
        }

        return challenge.IsBearer ? await FetchTokenAsync(registry, challenge, scopes, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Answers a 401: returns the header to retry with, or <see langword="null"/> when nothing better can be sent.</summary>
    public async ValueTask<AuthenticationHeaderValue?> AnswerChallengeAsync(string registry, HttpResponseMessage response, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var parsed = response.Headers.WwwAuthenticate
            .SelectMany(header => AuthenticationChallenge.Parse(header.Scheme + (header.Parameter is null ? "" : " " + header.Parameter)))
            .ToList();
        var challenge = parsed.FirstOrDefault(candidate => candidate.IsBearer && candidate.Realm is not null)
            ?? parsed.FirstOrDefault(candidate => candidate.IsBasic);
        if (challenge is null)
        {
            return null;
        }

        challenges[registry] = challenge;
        if (challenge.IsBasic)
        {
            return BasicHeader(registry, scopes);
        }

        // insufficient_scope names what the request needs; ask for that on top of what we meant to ask for.
        var wanted = scopes.ToList();
        if (challenge.Scope is not null)
        {
            foreach (var scope in challenge.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!wanted.Contains(scope, StringComparer.Ordinal))
                {
                    wanted.Add(scope);
                }
            }
        }

        tokens.TryRemove(TokenKey(registry, scopes), out _);
        return await FetchTokenAsync(registry, challenge, wanted, cancellationToken).ConfigureAwait(false);
    }

    public RegistryCredential? CredentialFor(string registry, string? repository)
    {
        if (options.Credential is not null)
        {
            return options.Credential;
        }

        return credentials.GetOrAdd(registry + "/" + repository, _ => options.CredentialStore?.Resolve(registry, repository));
    }

    private AuthenticationHeaderValue? BasicHeader(string registry, IReadOnlyList<string> scopes)
    {
        var credential = CredentialFor(registry, RepositoryOf(scopes));
        return credential is { HasPassword: true }
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)))
            : null;
    }

    private async ValueTask<AuthenticationHeaderValue?> FetchTokenAsync(string registry, AuthenticationChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var credential = CredentialFor(registry, RepositoryOf(scopes));
        if (credential?.RegistryToken is not null)
        {
            return new AuthenticationHeaderValue("Bearer", credential.RegistryToken);
        }

        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            throw new RegistryException($"Registry {registry} sent a token realm that is not an http(s) URL: '{challenge.Realm}'.");
        }

        using var request = credential?.IdentityToken is not null
            ? PostTokenRequest(realm, challenge.Service, scopes, credential)
            : GetTokenRequest(realm, challenge.Service, scopes, credential);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var who = credential is null ? "anonymous access" : $"the credentials for {registry}" + (credential.Source is null ? "" : $" from {credential.Source}");
            throw new RegistryException(
                $"The token service of {registry} ({realm.GetLeftPart(UriPartial.Path)}) refused {who} ({(int)response.StatusCode})."
                + (credential is null ? $" Log in with 'weir login {registry}'." : " Check the user name and password."),
                response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException($"The token service of {registry} answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var token = ParseToken(body, registry);
        Interlocked.Increment(ref tokensFetched);
        tokens[TokenKey(registry, scopes)] = token;
        return new AuthenticationHeaderValue("Bearer", token.Value);
    }

    private static HttpRequestMessage GetTokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential)
    {
        var query = new StringBuilder(realm.Query.Length > 1 ? realm.Query[1..] : "");
        void Add(string name, string value)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        if (service is not null)
        {
            Add("service", service);
        }

        foreach (var scope in scopes)
        {
            Add("scope", scope);
        }

        if (credential?.Username is { Length: > 0 } account)
        {
            Add("account", account);
        }

        var builder = new UriBuilder(realm) { Query = query.ToString() };
        var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential is { HasPassword: true })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)));
        }

        return request;
    }

    private static HttpRequestMessage PostTokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential credential)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", credential.IdentityToken!),
            new("client_id", "weir"),
            new("scope", string.Join(' ', scopes)),
        };
        if (service is not null)
        {
            form.Add(new("service", service));
        }

        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private static BearerToken ParseToken(byte[] body, string registry)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? value = null;
            if (root.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String)
            {
                value = token.GetString();
            }

            if (string.IsNullOrEmpty(value) && root.TryGetProperty("access_token", out var accessToken) && accessToken.ValueKind == JsonValueKind.String)
            {
                value = accessToken.GetString();
            }

            if (string.IsNullOrEmpty(value))
            {
                throw new RegistryException($"The token service of {registry} answered without a 'token' or 'access_token'.");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetInt32(out var seconds) && seconds > 0
                ? seconds
                : DefaultTokenLifetimeSeconds;
            var issuedAt = root.TryGetProperty("issued_at", out var issued) && issued.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(issued.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : DateTimeOffset.UtcNow;

            // A skewed server clock must not make a fresh token look expired (or immortal).
            if (issuedAt > DateTimeOffset.UtcNow || issuedAt < DateTimeOffset.UtcNow.AddSeconds(-lifetime))
            {
                issuedAt = DateTimeOffset.UtcNow;
            }

            return new BearerToken(value, issuedAt.AddSeconds(lifetime));
        }
        catch (JsonException exception)
        {
            throw new RegistryException($"The token service of {registry} answered with something that is not JSON.", exception);
        }
    }

    /// <summary>A live token for exactly these scopes, else one whose scopes include every action asked for (a push token serves pulls).</summary>
    private BearerToken? FindToken(string registry, IReadOnlyList<string> scopes)
    {
        var now = DateTimeOffset.UtcNow + ExpiryMargin;
        if (tokens.TryGetValue(TokenKey(registry, scopes), out var exact) && exact.ExpiresAt > now)
        {
            return exact;
        }

        var wanted = Expand(scopes);
        foreach (var (key, token) in tokens)
        {
            if (token.ExpiresAt > now && key.StartsWith(registry + "|", StringComparison.Ordinal)
                && wanted.IsSubsetOf(Expand(key[(registry.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>Turns <c>type:name:a,b</c> scopes into one <c>type:name:action</c> entry per action.</summary>
    private static HashSet<string> Expand(IEnumerable<string> scopes)
    {
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            var last = scope.LastIndexOf(':');
            if (last <= 0)
            {
                expanded.Add(scope);
                continue;
            }

            foreach (var action in scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                expanded.Add(scope[..last] + ":" + action);
            }
        }

        return expanded;
    }

    private static string TokenKey(string registry, IReadOnlyList<string> scopes) =>
        registry + "|" + string.Join(' ', scopes.Order(StringComparer.Ordinal));

    private static string? RepositoryOf(IReadOnlyList<string> scopes)
    {
        // scope = repository:<name>:<actions>; the name may hold ':' (host:port), so cut at the first and last colon.
        var scope = scopes.FirstOrDefault(candidate => candidate.StartsWith("repository:", StringComparison.Ordinal));
        if (scope is null)
        {
            return null;
        }

        var last = scope.LastIndexOf(':');
        return last > "repository:".Length ? scope["repository:".Length..last] : null;
    }
}
