using Weir.Oci.Registry.Authentication;

namespace Weir.Oci.Registry;

/// <summary>How a <see cref="RegistryClient"/> talks to registries.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>The default size of upload chunks and the largest blob sent in one PUT.</summary>
    public const int DefaultChunkSize = 8 * 1024 * 1024;

    /// <summary>
    /// Use plain HTTP for every registry. Without it Weir uses HTTPS, except for loopback registries
    /// (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>), which get plain HTTP as with other OCI tools.
    /// </summary>
    public bool PlainHttp { get; init; }

    /// <summary>Skip TLS certificate verification (self-signed development registries).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>Credentials given explicitly (flags); they win over <see cref="CredentialStore"/> for every registry.</summary>
    public RegistryCredential? Credential { get; init; }

    /// <summary>Where to look credentials up; <see langword="null"/> means anonymous unless <see cref="Credential"/> is set.</summary>
    public CredentialStore? CredentialStore { get; init; }

    /// <summary>
    /// Blobs up to this size are uploaded with one PUT; larger ones in PATCH chunks of this size
    /// (or the registry's <c>OCI-Chunk-Min-Length</c> when larger).
    /// </summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Called with the text of every <c>Warning: 299</c> header a registry sends.</summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = "weir/" + (typeof(RegistryClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0");
}
