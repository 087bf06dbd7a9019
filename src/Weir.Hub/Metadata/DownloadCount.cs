namespace Weir.Hub.Metadata;

/// <summary>Downloads of one manifest since the counters were last written.</summary>
internal readonly record struct DownloadCount(long RepositoryId, long ManifestId, long Count);
