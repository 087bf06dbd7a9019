namespace Weir.Hub.Metadata;

/// <summary>The outcome of storing a manifest: stored, or refused because references are missing (then nothing changed).</summary>
internal sealed record ManifestPutResult(bool Stored, IReadOnlyList<ManifestReference> Missing);
