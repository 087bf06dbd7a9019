namespace Weir.Hub.Web.Layout;

/// <summary>
/// The pages' URLs. Repository names contain slashes, so their sub-pages follow a <c>/-/</c> separator,
/// which no repository name component can be (components start with a letter or digit).
/// </summary>
internal static class WebPaths
{
    public const string Home = "/";
    public const string Search = "/search";
    public const string SignIn = "/sign-in";
    public const string SignOut = "/sign-out";
    public const string Tokens = "/settings/tokens";
    public const string RepositoryPrefix = "/r/";
    public const string Separator = "/-/";

    public static string User(string name) => "/users/" + name;

    public static string Organization(string name) => "/orgs/" + name;

    public static string Repository(string name) => RepositoryPrefix + name;

    public static string RepositoryAction(string name, string action) => RepositoryPrefix + name + Separator + action;

    public static string Tag(string repository, string tag) => RepositoryPrefix + repository + Separator + "tags/" + tag;

    public static string Manifest(string repository, string digest) => RepositoryPrefix + repository + Separator + "manifests/" + digest;

    public static string SearchFor(string query) => Search + "?q=" + Uri.EscapeDataString(query);

    public static string RevokeToken(long id) => Tokens + "/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/revoke";

    /// <summary>A return address after signing in: only paths on this site, so the form cannot send people elsewhere.</summary>
    public static string SafeReturnPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            ? path
            : Home;
}
