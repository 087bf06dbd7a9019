namespace Weir.Hub.Metadata;

/// <summary>
/// A tag as the repository page lists it. <paramref name="TotalSize"/> is the manifest plus every blob it
/// references; <paramref name="Downloads"/> counts GETs of the manifest (by tag or digest).
/// </summary>
internal sealed record TagSummary(string Name, string Digest, string MediaType, long ManifestSize, long TotalSize, long Downloads, DateTimeOffset PushedAt);
