using System.Net;

namespace Weir.Hub.Registry;

/// <summary>
/// A <c>/v2/…</c> path split into endpoint, repository name and reference. Repository names contain
/// slashes, so the path is matched from its end: the last <c>/blobs/</c>, <c>/manifests/</c>,
/// <c>/tags/list</c> or <c>/referrers/</c> marker decides, and everything before it is the name.
/// </summary>
internal sealed record RegistryRoute(RegistryEndpointKind Kind, string Name, string Reference)
{
    private const int MaxNameLength = 255;

    /// <summary>Parses the part of the path after <c>/v2/</c>; returns null for paths that are no registry endpoint.</summary>
    /// <exception cref="RegistryException">The path has a repository name that breaks the naming rules.</exception>
    public static RegistryRoute? Parse(string path)
    {
        if (path.Length == 0)
        {
            return new RegistryRoute(RegistryEndpointKind.Base, string.Empty, string.Empty);
        }

        if (path is "_catalog")
        {
            return new RegistryRoute(RegistryEndpointKind.Catalog, string.Empty, string.Empty);
        }

        RegistryRoute? route = null;
        if (path.EndsWith("/tags/list", StringComparison.Ordinal))
        {
            route = new RegistryRoute(RegistryEndpointKind.TagList, path[..^"/tags/list".Length], string.Empty);
        }
        else if (path.EndsWith("/blobs/uploads", StringComparison.Ordinal) || path.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            route = new RegistryRoute(RegistryEndpointKind.UploadStart, path[..path.LastIndexOf("/blobs/uploads", StringComparison.Ordinal)], string.Empty);
        }
        else
        {
            var lastSlash = path.LastIndexOf('/');
            if (lastSlash <= 0 || lastSlash == path.Length - 1)
            {
                return null;
            }

            var reference = path[(lastSlash + 1)..];
            var head = path[..lastSlash];
            route = head switch
            {
                _ when head.EndsWith("/blobs/uploads", StringComparison.Ordinal) =>
                    new RegistryRoute(RegistryEndpointKind.UploadSession, head[..^"/blobs/uploads".Length], reference),
                _ when head.EndsWith("/blobs", StringComparison.Ordinal) =>
                    new RegistryRoute(RegistryEndpointKind.Blob, head[..^"/blobs".Length], reference),
                _ when head.EndsWith("/manifests", StringComparison.Ordinal) =>
                    new RegistryRoute(RegistryEndpointKind.Manifest, head[..^"/manifests".Length], reference),
                _ when head.EndsWith("/referrers", StringComparison.Ordinal) =>
                    new RegistryRoute(RegistryEndpointKind.Referrers, head[..^"/referrers".Length], reference),
                _ => null,
            };
        }

        if (route is null)
        {
            return null;
        }

        ValidateName(route.Name);
        return route;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw RegistryException.NameInvalid(name, "the repository name is empty");
        }

        if (name.Length > MaxNameLength)
        {
            throw RegistryException.NameInvalid(name, $"repository names are limited to {MaxNameLength} characters");
        }

        if (!Weir.Oci.Content.Reference.IsValidRepository(name))
        {
            throw RegistryException.NameInvalid(
                name,
                "use lowercase path components of letters and digits separated by '.', '_', '__' or '-', joined by '/'");
        }
    }

    /// <summary>The status for a path that matches no endpoint.</summary>
    public static RegistryException NotFound(string path) =>
        new(HttpStatusCode.NotFound, RegistryErrorCode.Unsupported, "no registry endpoint at this path", new { path = "/v2/" + path });
}
