namespace Weir.Hub.Storage;

/// <summary>An upload in progress: which repository it is for, when it started and last received bytes, and how many it holds.</summary>
internal sealed record UploadSession(string Id, string Repository, DateTimeOffset StartedAt, DateTimeOffset LastActivity, long Length);
