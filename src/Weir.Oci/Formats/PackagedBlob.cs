using Weir.Oci.Content;

namespace Weir.Oci.Formats;

/// <summary>One blob of a packaged module: its descriptor and exact bytes.</summary>
/// <param name="Descriptor">How the manifest refers to the blob.</param>
/// <param name="Content">The blob's bytes.</param>
public sealed record PackagedBlob(Descriptor Descriptor, ReadOnlyMemory<byte> Content);
