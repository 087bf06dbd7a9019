namespace Weir.Gateway.Configuration;

/// <summary>Where a filter's module comes from: a file (absolute path) or an OCI reference (pulled into the local store when missing).</summary>
/// <param name="Kind">File or OCI.</param>
/// <param name="Location">The absolute file path, or the reference without its <c>oci://</c> scheme.</param>
internal sealed record ModuleSource(ModuleSourceKind Kind, string Location)
{
    /// <summary>The scheme that marks an OCI reference.</summary>
    public const string OciScheme = "oci://";

    /// <inheritdoc />
    public override string ToString() => Kind == ModuleSourceKind.Oci ? OciScheme + Location : Location;
}
