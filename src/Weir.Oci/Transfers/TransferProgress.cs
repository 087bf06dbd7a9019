using Weir.Oci.Content;

namespace Weir.Oci.Transfers;

/// <summary>Progress of one blob or manifest during a push or pull.</summary>
/// <param name="Digest">The content being moved.</param>
/// <param name="Label">A short human name (<c>config</c>, <c>module</c>, <c>layer</c>, <c>manifest</c>).</param>
/// <param name="Transferred">Bytes done so far (including bytes a resumed download already had).</param>
/// <param name="Total">The content's size.</param>
/// <param name="State">What is happening.</param>
public sealed record TransferProgress(Digest Digest, string Label, long Transferred, long Total, TransferState State);
