namespace Weir.Hub.Auth;

/// <summary>How a request identified itself.</summary>
internal enum CallerKind
{
    Anonymous,

    /// <summary>Basic <c>user:access-token</c> sent straight to the registry.</summary>
    AccessToken,

    /// <summary>A bearer token from <c>/token</c> (possibly an anonymous one).</summary>
    Bearer,
}
