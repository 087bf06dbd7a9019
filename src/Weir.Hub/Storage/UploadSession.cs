namespace Weir.Hub.Storage;

/// <summary>An upload in progress: which repository it is for, when it started and how many bytes it holds.</summary>
internal sealed record UploadSession(string Id, string Repository, DateTimeOffset StartedAt, long Length);
