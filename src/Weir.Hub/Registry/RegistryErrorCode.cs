namespace Weir.Hub.Registry;

/// <summary>
/// The error codes of the OCI distribution spec (§2.8 of oci-wasm.md) plus the few non-spec codes
/// distribution emits that clients already understand.
/// </summary>
internal static class RegistryErrorCode
{
    public const string BlobUnknown = "BLOB_UNKNOWN";
    public const string BlobUploadInvalid = "BLOB_UPLOAD_INVALID";
    public const string BlobUploadUnknown = "BLOB_UPLOAD_UNKNOWN";
    public const string DigestInvalid = "DIGEST_INVALID";
    public const string ManifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN";
    public const string ManifestInvalid = "MANIFEST_INVALID";
    public const string ManifestUnknown = "MANIFEST_UNKNOWN";
    public const string NameInvalid = "NAME_INVALID";
    public const string NameUnknown = "NAME_UNKNOWN";
    public const string SizeInvalid = "SIZE_INVALID";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Denied = "DENIED";
    public const string Unsupported = "UNSUPPORTED";
    public const string TooManyRequests = "TOOMANYREQUESTS";

    // Not in the OCI spec, but emitted by distribution with these meanings.
    public const string RangeInvalid = "RANGE_INVALID";
    public const string TagInvalid = "TAG_INVALID";
    public const string PaginationNumberInvalid = "PAGINATION_NUMBER_INVALID";
    public const string Unknown = "UNKNOWN";
}
