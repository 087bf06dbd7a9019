using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Weir.Oci.Content;

/// <summary>
/// A content digest as used by OCI (<c>algorithm:encoded</c>), restricted to the registered
/// algorithms <c>sha256</c> (64 lowercase hex characters) and <c>sha512</c> (128 lowercase hex characters).
/// Instances are always valid; equality is ordinal on the canonical text.
/// </summary>
public sealed class Digest : IEquatable<Digest>
{
    /// <summary>The <c>sha256</c> algorithm name, the default for everything Weir writes.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The <c>sha512</c> algorithm name.</summary>
    public const string Sha512 = "sha512";

    private const int CopyBufferSize = 81920;

    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
        Value = algorithm + ":" + encoded;
    }

    /// <summary>The algorithm name: <see cref="Sha256"/> or <see cref="Sha512"/>.</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hexadecimal hash (the part after the colon).</summary>
    public string Encoded { get; }

    /// <summary>The canonical text form, <c>algorithm:encoded</c>.</summary>
    public string Value { get; }

    /// <summary>Parses <paramref name="text"/>, throwing a <see cref="FormatException"/> that says what is wrong.</summary>
    /// <param name="text">A digest such as <c>sha256:93a44bbb…</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a well-formed digest of a supported algorithm.</exception>
    public static Digest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var digest);
        return error is null ? digest! : throw new FormatException(error);
    }

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid digest.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Digest? digest)
    {
        if (text is null)
        {
            digest = null;
            return false;
        }

        return TryParseCore(text, out digest) is null;
    }

    /// <summary>Says whether <paramref name="algorithm"/> is one this type can parse and compute.</summary>
    public static bool IsSupportedAlgorithm(string algorithm) => algorithm is Sha256 or Sha512;

    /// <summary>Computes the digest of <paramref name="content"/>.</summary>
    /// <param name="content">The exact bytes to hash.</param>
    /// <param name="algorithm"><see cref="Sha256"/> (default) or <see cref="Sha512"/>.</param>
    /// <exception cref="NotSupportedException">The algorithm is not supported.</exception>
    public static Digest Compute(ReadOnlySpan<byte> content, string algorithm = Sha256)
    {
        switch (algorithm)
        {
            case Sha256:
            {
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(content, hash);
                return new Digest(Sha256, Convert.ToHexStringLower(hash));
            }

            case Sha512:
            {
                Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
                SHA512.HashData(content, hash);
                return new Digest(Sha512, Convert.ToHexStringLower(hash));
            }

            default:
                throw UnsupportedAlgorithm(algorithm);
        }
    }

    /// <summary>Reads <paramref name="content"/> to its end and computes its digest.</summary>
    /// <param name="content">A readable stream, consumed from its current position.</param>
    /// <param name="algorithm"><see cref="Sha256"/> (default) or <see cref="Sha512"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="NotSupportedException">The algorithm is not supported.</exception>
    public static async ValueTask<Digest> ComputeAsync(Stream content, string algorithm = Sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var hasher = new DigestCalculator(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hasher.Finish();
    }

    /// <summary>Says whether <paramref name="content"/> hashes to this digest (same algorithm).</summary>
    public bool Matches(ReadOnlySpan<byte> content) => Compute(content, Algorithm).Equals(this);

    /// <summary>Throws <see cref="DigestMismatchException"/> unless <paramref name="content"/> hashes to this digest.</summary>
    /// <exception cref="DigestMismatchException">The content has another digest.</exception>
    public void Verify(ReadOnlySpan<byte> content)
    {
        var actual = Compute(content, Algorithm);
        if (!actual.Equals(this))
        {
            throw new DigestMismatchException(this, actual);
        }
    }

    /// <inheritdoc />
    public bool Equals(Digest? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Digest);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The canonical text form, <c>algorithm:encoded</c>.</summary>
    public override string ToString() => Value;

    /// <summary>Equality on the canonical text.</summary>
    public static bool operator ==(Digest? left, Digest? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality on the canonical text.</summary>
    public static bool operator !=(Digest? left, Digest? right) => !(left == right);

    internal static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash) => new(algorithm, Convert.ToHexStringLower(hash));

    internal static NotSupportedException UnsupportedAlgorithm(string algorithm) =>
        new($"Unsupported digest algorithm '{algorithm}'; supported algorithms are {Sha256} and {Sha512}.");

    private static string? TryParseCore(string text, out Digest? digest)
    {
        digest = null;
        if (text.Length == 0)
        {
            return "A digest cannot be empty; expected 'sha256:<64 hex characters>'.";
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return $"Invalid digest '{Shorten(text)}': expected 'algorithm:hex', e.g. 'sha256:<64 hex characters>'.";
        }

        var algorithm = text[..colon];
        var encoded = text[(colon + 1)..];
        int expectedLength;
        switch (algorithm)
        {
            case Sha256:
                expectedLength = 64;
                break;
            case Sha512:
                expectedLength = 128;
                break;
            case "":
                return $"Invalid digest '{Shorten(text)}': the algorithm before ':' is missing.";
            default:
                return $"Invalid digest '{Shorten(text)}': unsupported algorithm '{Shorten(algorithm)}' (supported: {Sha256}, {Sha512}).";
        }

        if (encoded.Length != expectedLength)
        {
            return $"Invalid digest '{Shorten(text)}': a {algorithm} digest has {expectedLength} hex characters, found {encoded.Length}.";
        }

        foreach (var c in encoded)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return char.IsAsciiHexDigitUpper(c)
                    ? $"Invalid digest '{Shorten(text)}': the hex part must be lowercase."
                    : $"Invalid digest '{Shorten(text)}': '{c}' is not a hexadecimal character.";
            }
        }

        digest = new Digest(algorithm, encoded);
        return null;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
