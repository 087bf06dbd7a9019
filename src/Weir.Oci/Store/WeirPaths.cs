namespace Weir.Oci.Store;

/// <summary>Where Weir keeps its data and configuration for the current user.</summary>
/// <remarks>
/// <c>WEIR_HOME</c>, when set, holds everything (store and <c>config.json</c>), which is how tests and
/// side-by-side installations isolate themselves. Otherwise data goes to <c>$XDG_DATA_HOME/weir</c>
/// (default <c>~/.local/share/weir</c>) and configuration to <c>$XDG_CONFIG_HOME/weir</c>
/// (default <c>~/.config/weir</c>).
/// </remarks>
public static class WeirPaths
{
    /// <summary>The environment variable that relocates all of Weir's files.</summary>
    public const string HomeVariable = "WEIR_HOME";

    /// <summary>The directory of the local content store.</summary>
    public static string DataDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable(HomeVariable);
            if (!string.IsNullOrEmpty(home))
            {
                return Path.GetFullPath(home);
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(UserHome, ".local", "share") : xdg, "weir");
        }
    }

    /// <summary>The directory of Weir's configuration files.</summary>
    public static string ConfigDirectory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable(HomeVariable);
            if (!string.IsNullOrEmpty(home))
            {
                return Path.GetFullPath(home);
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(UserHome, ".config") : xdg, "weir");
        }
    }

    /// <summary>Weir's credentials file (Docker <c>config.json</c> format, mode 0600).</summary>
    public static string CredentialsFile => Path.Combine(ConfigDirectory, "config.json");

    private static string UserHome => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
