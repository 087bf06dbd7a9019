using Weir.Oci.Content;
using Weir.Oci.Store;

namespace Weir.Oci.Transfers;

/// <summary>What a pull did.</summary>
/// <param name="Reference">The reference pulled (recorded in the local store).</param>
/// <param name="Manifest">The manifest (or index) the reference resolved to.</param>
/// <param name="Module">The module as now resolvable from the local store.</param>
/// <param name="DownloadedBytes">Bytes fetched from the registry for blobs (resumed prefixes and blobs already stored excluded).</param>
public sealed record PullResult(Reference Reference, Descriptor Manifest, StoredModule Module, long DownloadedBytes);
