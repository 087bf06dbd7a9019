namespace Weir.Hub.Hosting;

/// <summary>The layout of a hub data directory.</summary>
internal sealed class HubPaths
{
    public HubPaths(string dataDirectory)
    {
        Root = Path.GetFullPath(dataDirectory);
    }

    public string Root { get; }

    /// <summary>Content-addressed blobs: <c>blobs/sha256/ab/abcd…</c>.</summary>
    public string Blobs => Path.Combine(Root, "blobs");

    /// <summary>Upload sessions; on the same file system as <see cref="Blobs"/> so completing an upload is a rename.</summary>
    public string Uploads => Path.Combine(Root, "uploads");

    public string SigningKey => Path.Combine(Root, "keys", "token-signing.key");

    public string SqliteDatabase => Path.Combine(Root, "hub.db");

    /// <summary>The default data directory: <c>$WEIR_HOME/hub</c>, else the user's data directory (<c>~/.local/share/weir/hub</c> on Linux).</summary>
    public static string DefaultDataDirectory()
    {
        var weirHome = Environment.GetEnvironmentVariable("WEIR_HOME");
        if (!string.IsNullOrWhiteSpace(weirHome))
        {
            return Path.Combine(weirHome, "hub");
        }

        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(userData))
        {
            userData = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(userData, "weir", "hub");
    }
}
