using System.Security.Cryptography;

namespace Weir.Hub.Auth;

/// <summary>
/// The HMAC-SHA256 key that signs bearer tokens, kept in the data directory (mode 0600) so tokens stay
/// valid across restarts and every hub instance sharing the directory accepts them.
/// </summary>
internal sealed class TokenSigningKey
{
    private const int KeyLength = 32;

    private TokenSigningKey(byte[] key)
    {
        Key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public byte[] Key { get; }

    /// <summary>A public identifier of the key (the <c>kid</c> header), derived from it by hashing.</summary>
    public string KeyId { get; }

    public static TokenSigningKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length != KeyLength)
            {
                throw new InvalidOperationException($"The token signing key '{path}' is damaged ({existing.Length} bytes, expected {KeyLength}); delete it to create a new one (issued tokens become invalid).");
            }

            return new TokenSigningKey(existing);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(key);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            // Two processes may create the key at once; the first rename wins and both use that key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return LoadOrCreate(path);
        }

        return new TokenSigningKey(key);
    }
}
