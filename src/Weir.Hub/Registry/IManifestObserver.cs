using Weir.Hub.Metadata;

namespace Weir.Hub.Registry;

/// <summary>
/// Hears about manifest traffic once the registry has answered it (the web pages count downloads and keep
/// the search index current this way). Calls are on the request path: implementations only queue work
/// and never throw.
/// </summary>
internal interface IManifestObserver
{
    /// <summary>A manifest's content was served (GET, not HEAD).</summary>
    void ManifestPulled(RepositoryRecord repository, ManifestRecord manifest);

    /// <summary>A manifest or tag of <paramref name="repositoryName"/> was stored or deleted.</summary>
    void RepositoryChanged(string repositoryName);
}
