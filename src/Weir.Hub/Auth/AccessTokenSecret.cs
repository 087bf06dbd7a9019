using System.Security.Cryptography;
using System.Text;

namespace Weir.Hub.Auth;

/// <summary>
/// Access token secrets: <c>weir_</c> followed by 32 random bytes in base64url. Only the SHA-256 of the
/// secret is stored, so a copy of the database does not yield usable tokens; a fast hash suffices
/// because the secret has 256 bits of entropy (unlike a password).
/// </summary>
internal static class AccessTokenSecret
{
    public const string Prefix = "weir_";

    public static string Generate()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return Prefix + Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string secret)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return Convert.ToHexStringLower(hash);
    }
}
