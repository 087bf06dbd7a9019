namespace Weir.Oci.Registry;

/// <summary>How a blob reached the registry.</summary>
public enum BlobUploadResult
{
    /// <summary>The repository already had it (HEAD answered 200); nothing was sent.</summary>
    AlreadyExists,

    /// <summary>Mounted from another repository of the same registry; nothing was sent.</summary>
    Mounted,

    /// <summary>Uploaded with one PUT.</summary>
    UploadedMonolithic,

    /// <summary>Uploaded in PATCH chunks.</summary>
    UploadedChunked,
}
