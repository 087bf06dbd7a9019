namespace Weir.Hub.Metadata;

/// <summary>One page of a repository listing and, when asked for, how many visible repositories match in all.</summary>
internal sealed record RepositoryListing(IReadOnlyList<RepositorySummary> Repositories, long? Total);
