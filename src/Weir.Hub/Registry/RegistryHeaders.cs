namespace Weir.Hub.Registry;

/// <summary>Header names of the distribution protocol.</summary>
internal static class RegistryHeaders
{
    public const string ApiVersion = "Docker-Distribution-Api-Version";
    public const string ApiVersionValue = "registry/2.0";
    public const string ContentDigest = "Docker-Content-Digest";
    public const string UploadUuid = "Docker-Upload-UUID";
    public const string Subject = "OCI-Subject";
    public const string FiltersApplied = "OCI-Filters-Applied";
}
