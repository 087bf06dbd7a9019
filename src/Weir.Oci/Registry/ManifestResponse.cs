using Weir.Oci.Content;

namespace Weir.Oci.Registry;

/// <summary>A manifest (or index) fetched from a registry, already checked against its digest.</summary>
/// <param name="Content">The exact bytes served.</param>
/// <param name="MediaType">The body's <c>mediaType</c>, else the response Content-Type without parameters.</param>
/// <param name="Digest">The digest of <paramref name="Content"/>.</param>
public sealed record ManifestResponse(ReadOnlyMemory<byte> Content, string MediaType, Digest Digest)
{
    /// <summary>A descriptor of this manifest.</summary>
    public Descriptor ToDescriptor() => new(MediaType, Digest, Content.Length);
}
