namespace Weir.Hub.Auth;

/// <summary>What an access token, or a bearer token for one repository, allows.</summary>
[Flags]
internal enum AccessScopes
{
    None = 0,

    /// <summary>Read manifests, blobs, tags and referrers.</summary>
    Pull = 1,

    /// <summary>Upload blobs and manifests (and create repositories in one's namespace).</summary>
    Push = 2,

    /// <summary>Delete manifests, tags and blobs.</summary>
    Delete = 4,

    /// <summary>Manage repositories (visibility, later settings); implies the other three.</summary>
    Admin = 8,

    All = Pull | Push | Delete | Admin,
}
