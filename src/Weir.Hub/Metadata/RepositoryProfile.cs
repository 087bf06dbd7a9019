namespace Weir.Hub.Metadata;

/// <summary>What the search index learned from a repository's newest tagged module.</summary>
internal sealed record RepositoryProfile(string ModuleDescription, IReadOnlyList<string> AbiVersions);
