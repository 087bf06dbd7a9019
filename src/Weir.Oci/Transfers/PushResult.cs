using Weir.Oci.Content;
using Weir.Oci.Registry;

namespace Weir.Oci.Transfers;

/// <summary>What a push did.</summary>
/// <param name="Reference">The reference pushed to.</param>
/// <param name="Manifest">The manifest (or index) pushed.</param>
/// <param name="Blobs">Every blob and how it reached the registry.</param>
public sealed record PushResult(Reference Reference, Descriptor Manifest, IReadOnlyList<(Descriptor Blob, BlobUploadResult Result)> Blobs);
