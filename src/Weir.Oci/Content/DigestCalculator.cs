using System.Security.Cryptography;

namespace Weir.Oci.Content;

/// <summary>
/// Computes a <see cref="Digest"/> incrementally while content streams through, so a blob can be
/// verified as it is written instead of being read twice.
/// </summary>
public sealed class DigestCalculator : IDisposable
{
    private readonly IncrementalHash hash;

    /// <summary>Starts a calculator for <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm"><see cref="Digest.Sha256"/> (default) or <see cref="Digest.Sha512"/>.</param>
    /// <exception cref="NotSupportedException">The algorithm is not supported.</exception>
    public DigestCalculator(string algorithm = Digest.Sha256)
    {
        Algorithm = algorithm;
        hash = algorithm switch
        {
            Digest.Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
            Digest.Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
            _ => throw Digest.UnsupportedAlgorithm(algorithm),
        };
    }

    /// <summary>The algorithm being computed.</summary>
    public string Algorithm { get; }

    /// <summary>The number of bytes appended so far.</summary>
    public long Length { get; private set; }

    /// <summary>Adds <paramref name="content"/> to the hash.</summary>
    public void Append(ReadOnlySpan<byte> content)
    {
        hash.AppendData(content);
        Length += content.Length;
    }

    /// <summary>Returns the digest of everything appended and resets the calculator for reuse.</summary>
    public Digest Finish()
    {
        Span<byte> result = stackalloc byte[64];
        var written = hash.GetHashAndReset(result);
        Length = 0;
        return Digest.FromHash(Algorithm, result[..written]);
    }

    /// <inheritdoc />
    public void Dispose() => hash.Dispose();
}
