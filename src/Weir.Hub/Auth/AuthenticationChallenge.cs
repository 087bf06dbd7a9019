using Microsoft.AspNetCore.Http;

namespace Weir.Hub.Auth;

/// <summary>Builds <c>WWW-Authenticate</c> values that point clients at this hub's token endpoint.</summary>
internal static class AuthenticationChallenge
{
    public const string TokenPath = "/token";

    /// <summary><c>Bearer realm="http://HOST/token",service="weir-hub"[,scope="…"][,error="…"]</c>.</summary>
    public static string Bearer(HttpRequest request, string? scope = null, string? error = null)
    {
        var value = $"Bearer realm=\"{request.Scheme}://{request.Host}{request.PathBase}{TokenPath}\",service=\"{RegistryTokenCodec.Service}\"";
        if (scope is not null)
        {
            value += $",scope=\"{scope}\"";
        }

        if (error is not null)
        {
            value += $",error=\"{error}\"";
        }

        return value;
    }

    /// <summary>The scope string a request needs, e.g. <c>repository:team/filter:pull,push</c>.</summary>
    public static string RepositoryScope(string repository, AccessScopes needed)
    {
        // Writers always need to read too (clients check for existing blobs before pushing).
        var actions = needed.HasFlag(AccessScopes.Push) ? needed | AccessScopes.Pull : needed;
        return $"{ResourceAccess.RepositoryType}:{repository}:{AccessScopeText.Format(actions & ~AccessScopes.Admin)}";
    }
}
