using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Weir.Hub.Auth;

/// <summary>
/// Issues and verifies the bearer tokens of the registry token flow: JWTs (HS256) in the shape
/// distribution expects (<c>iss</c>, <c>sub</c>, <c>aud</c>, <c>exp</c>, <c>nbf</c>, <c>iat</c>, <c>jti</c>, <c>access</c>).
/// Verified tokens are cached until they expire, since clients send the same token on every request.
/// </summary>
internal sealed class RegistryTokenCodec
{
    public const string Issuer = "weir-hub";
    public const string Service = "weir-hub";
    private const int MaxCachedTokens = 10_000;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly TokenSigningKey key;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, RegistryTokenClaims> verified = new(StringComparer.Ordinal);

    public RegistryTokenCodec(TokenSigningKey key, TimeProvider time)
    {
        this.key = key;
        this.time = time;
    }

    public string Issue(string subject, IReadOnlyList<ResourceAccess> access, TimeSpan lifetime, out DateTimeOffset issuedAt)
    {
        issuedAt = time.GetUtcNow();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = "HS256",
            ["typ"] = "JWT",
            ["kid"] = key.KeyId,
        });
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("sub", subject);
            writer.WriteString("aud", Service);
            writer.WriteNumber("exp", (issuedAt + lifetime).ToUnixTimeSeconds());
            writer.WriteNumber("nbf", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            writer.WriteStartArray("access");
            foreach (var entry in access)
            {
                writer.WriteStartObject();
                writer.WriteString("type", entry.Type);
                writer.WriteString("name", entry.Name);
                writer.WriteStartArray("actions");
                foreach (var action in entry.Actions)
                {
                    writer.WriteStringValue(action);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload.ToArray());
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput));
    }

    /// <summary>The claims of a valid, unexpired token signed with our key for our service, or null.</summary>
    public RegistryTokenClaims? Verify(string token)
    {
        var now = time.GetUtcNow();
        if (verified.TryGetValue(token, out var cached))
        {
            if (cached.ExpiresAt > now)
            {
                return cached;
            }

            verified.TryRemove(token, out _);
            return null;
        }

        var claims = VerifyUncached(token, now);
        if (claims is not null)
        {
            if (verified.Count >= MaxCachedTokens)
            {
                verified.Clear();
            }

            verified[token] = claims;
        }

        return claims;
    }

    private RegistryTokenClaims? VerifyUncached(string token, DateTimeOffset now)
    {
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot)
        {
            return null;
        }

        try
        {
            var signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(token[..lastDot])))
            {
                return null;
            }

            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, firstDot)));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
            {
                return null;
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1)));
            var root = payload.RootElement;
            if (root.GetProperty("iss").GetString() != Issuer || root.GetProperty("aud").GetString() != Service)
            {
                return null;
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            var notBefore = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("nbf").GetInt64());
            if (expires + ClockSkew <= now || notBefore - ClockSkew > now)
            {
                return null;
            }

            var access = new List<ResourceAccess>();
            foreach (var entry in root.GetProperty("access").EnumerateArray())
            {
                access.Add(new ResourceAccess(
                    entry.GetProperty("type").GetString() ?? string.Empty,
                    entry.GetProperty("name").GetString() ?? string.Empty,
                    entry.GetProperty("actions").EnumerateArray().Select(action => action.GetString() ?? string.Empty).ToList()));
            }

            return new RegistryTokenClaims(root.GetProperty("sub").GetString() ?? string.Empty, access, expires);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private byte[] Sign(string signingInput) => HMACSHA256.HashData(key.Key, Encoding.ASCII.GetBytes(signingInput));
}
