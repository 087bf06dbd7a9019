using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weir.Oci.Formats;
using Weir.Oci.Store;

namespace Weir.Oci.Registry.Authentication;

/// <summary>
/// Finds registry credentials the way <c>oci-wasm.md</c> §3.6 prescribes: Weir's own credentials file
/// (written by <c>weir login</c>), then the Docker config (<c>$DOCKER_CONFIG/config.json</c>, default
/// <c>~/.docker/config.json</c>, including <c>credHelpers</c>/<c>credsStore</c> helpers), then the
/// containers auth files (<c>$REGISTRY_AUTH_FILE</c>, <c>$XDG_RUNTIME_DIR/containers/auth.json</c>,
/// <c>~/.config/containers/auth.json</c>); otherwise anonymous.
/// </summary>
public sealed class CredentialStore
{
    private const string DockerHubKey = "https://index.docker.io/v1/";
    private static readonly TimeSpan HelperTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a store reading the given files (any may be missing).</summary>
    /// <param name="weirCredentialsFile">Weir's own file; the only one <see cref="Save"/> writes.</param>
    /// <param name="dockerConfigFile">A Docker <c>config.json</c>, or <see langword="null"/>.</param>
    /// <param name="containersAuthFiles">containers-auth.json files in priority order.</param>
    public CredentialStore(string weirCredentialsFile, string? dockerConfigFile = null, IReadOnlyList<string>? containersAuthFiles = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(weirCredentialsFile);
        WeirCredentialsFile = weirCredentialsFile;
        DockerConfigFile = dockerConfigFile;
        ContainersAuthFiles = containersAuthFiles ?? [];
    }

    /// <summary>Weir's credentials file.</summary>
    public string WeirCredentialsFile { get; }

    /// <summary>The Docker config file consulted, if any.</summary>
    public string? DockerConfigFile { get; }

    /// <summary>The containers auth files consulted, in order.</summary>
    public IReadOnlyList<string> ContainersAuthFiles { get; }

    /// <summary>The store for the current user and environment (<c>WEIR_HOME</c>, <c>DOCKER_CONFIG</c>, <c>REGISTRY_AUTH_FILE</c>, XDG variables).</summary>
    public static CredentialStore CreateDefault()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var dockerDirectory = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        var dockerConfig = Path.Combine(string.IsNullOrEmpty(dockerDirectory) ? Path.Combine(home, ".docker") : dockerDirectory, "config.json");
        var containers = new List<string>();
        var registryAuthFile = Environment.GetEnvironmentVariable("REGISTRY_AUTH_FILE");
        if (!string.IsNullOrEmpty(registryAuthFile))
        {
            containers.Add(registryAuthFile);
        }

        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            containers.Add(Path.Combine(runtimeDirectory, "containers", "auth.json"));
        }

        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        containers.Add(Path.Combine(string.IsNullOrEmpty(configHome) ? Path.Combine(home, ".config") : configHome, "containers", "auth.json"));
        return new CredentialStore(WeirPaths.CredentialsFile, dockerConfig, containers);
    }

    /// <summary>Finds credentials for <paramref name="registry"/> (host[:port]), optionally for one repository.</summary>
    /// <returns>The first credential found, or <see langword="null"/> for anonymous access.</returns>
    /// <exception cref="InvalidDataException">A credentials file exists but is not valid JSON.</exception>
    public RegistryCredential? Resolve(string registry, string? repository = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        var found = FromAuthsFile(WeirCredentialsFile, registry, repository, useHelpers: false);
        if (found is not null)
        {
            return found;
        }

        if (DockerConfigFile is not null && (found = FromAuthsFile(DockerConfigFile, registry, repository, useHelpers: true)) is not null)
        {
            return found;
        }

        foreach (var file in ContainersAuthFiles)
        {
            if ((found = FromAuthsFile(file, registry, repository, useHelpers: true)) is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// Saves a user name and password for <paramref name="registry"/> in Weir's credentials file (Docker
    /// <c>config.json</c> format), created with mode 0600 and replaced atomically.
    /// </summary>
    public void Save(string registry, string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        var root = ReadObject(WeirCredentialsFile) ?? [];
        if (root["auths"] is not JsonObject auths)
        {
            auths = [];
            root["auths"] = auths;
        }

        auths[registry] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password)) };
        WriteObject(root);
    }

    /// <summary>Removes the saved credentials of <paramref name="registry"/> from Weir's file.</summary>
    /// <returns><see langword="true"/> when there were some.</returns>
    public bool Remove(string registry)
    {
        var root = ReadObject(WeirCredentialsFile);
        if (root?["auths"] is not JsonObject auths || !auths.Remove(registry))
        {
            return false;
        }

        WriteObject(root);
        return true;
    }

    /// <summary>
    /// Reduces a registry name as users and config files spell it (<c>https://hub.example/v1/</c>,
    /// <c>HUB.example:443</c>) to the lowercase <c>host[:port]</c> used as the key.
    /// </summary>
    public static string NormalizeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                text = text[..slash];
            }
        }

        return text.TrimEnd('/').ToLowerInvariant();
    }

    private static IEnumerable<string> RegistryAliases(string registry)
    {
        yield return registry;
        if (registry is "docker.io" or "index.docker.io" or "registry-1.docker.io")
        {
            yield return "index.docker.io";
            yield return "registry-1.docker.io";
            yield return "docker.io";
        }
    }

    private static RegistryCredential? FromAuthsFile(string file, string registry, string? repository, bool useHelpers)
    {
        var root = ReadObject(file);
        if (root is null)
        {
            return null;
        }

        var aliases = RegistryAliases(registry.ToLowerInvariant()).ToList();
        if (useHelpers)
        {
            var helper = FindHelper(root, aliases);
            if (helper is not null)
            {
                var serverUrl = aliases[0] == "docker.io" || aliases.Contains("index.docker.io") ? DockerHubKey : registry;
                var fromHelper = RunHelper(helper, serverUrl);
                if (fromHelper is not null)
                {
                    return fromHelper;
                }
            }
        }

        if (root["auths"] is not JsonObject auths)
        {
            return null;
        }

        // containers-auth.json allows keys narrowed to a namespace (host/org/repo); the most specific match wins.
        JsonObject? best = null;
        var bestLength = -1;
        foreach (var (key, value) in auths)
        {
            if (value is not JsonObject entry)
            {
                continue;
            }

            var normalized = NormalizeKey(key);
            var bare = key.Contains("://", StringComparison.Ordinal) ? normalized : key.Trim().TrimEnd('/').ToLowerInvariant();
            foreach (var alias in aliases)
            {
                var length = MatchLength(bare, normalized, alias, repository);
                if (length > bestLength)
                {
                    best = entry;
                    bestLength = length;
                }
            }
        }

        return best is null ? null : FromEntry(best, file);
    }

    /// <summary>How specifically an auths key matches: its length when it names the registry or a namespace holding the repository, else -1.</summary>
    private static int MatchLength(string bareKey, string hostKey, string registry, string? repository)
    {
        if (hostKey == registry)
        {
            return registry.Length;
        }

        if (repository is null || !bareKey.StartsWith(registry + "/", StringComparison.Ordinal))
        {
            return -1;
        }

        var path = registry + "/" + repository;
        return path == bareKey || path.StartsWith(bareKey + "/", StringComparison.Ordinal) ? bareKey.Length : -1;
    }

    private static RegistryCredential? FromEntry(JsonObject entry, string file)
    {
        string? Text(string name) => entry[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

        var auth = Text("auth");
        if (auth is not null)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException exception)
            {
                throw new InvalidDataException($"The 'auth' value in {file} is not valid base64.", exception);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"The 'auth' value in {file} does not decode to 'user:password'.");
            }

            return new RegistryCredential { Username = decoded[..colon], Password = decoded[(colon + 1)..], IdentityToken = Text("identitytoken"), Source = file };
        }

        if (Text("username") is { } username && Text("password") is { } password)
        {
            return new RegistryCredential { Username = username, Password = password, Source = file };
        }

        if (Text("identitytoken") is { } identityToken)
        {
            return new RegistryCredential { Username = Text("username"), IdentityToken = identityToken, Source = file };
        }

        return Text("registrytoken") is { } registryToken ? new RegistryCredential { RegistryToken = registryToken, Source = file } : null;
    }

    private static string? FindHelper(JsonObject root, List<string> aliases)
    {
        if (root["credHelpers"] is JsonObject helpers)
        {
            foreach (var (key, value) in helpers)
            {
                if (aliases.Contains(NormalizeKey(key)) && value is JsonValue name && name.TryGetValue<string>(out var helper) && helper.Length > 0)
                {
                    return helper;
                }
            }
        }

        return root["credsStore"] is JsonValue store && store.TryGetValue<string>(out var defaultHelper) && defaultHelper.Length > 0 ? defaultHelper : null;
    }

    private static RegistryCredential? RunHelper(string helper, string serverUrl)
    {
        var program = "docker-credential-" + helper;
        var start = new ProcessStartInfo(program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // A configured helper that is not installed is common (a config copied from another machine); fall back to 'auths'.
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Write(serverUrl);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(HelperTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The credential helper {program} did not answer within {HelperTimeout.TotalSeconds} seconds.");
            }

            if (process.ExitCode != 0)
            {
                return null;
            }

            try
            {
                var answer = JsonNode.Parse(output.Result) as JsonObject;
                var username = answer?["Username"]?.GetValue<string>();
                var secret = answer?["Secret"]?.GetValue<string>();
                if (string.IsNullOrEmpty(secret))
                {
                    return null;
                }

                return username == "<token>"
                    ? new RegistryCredential { IdentityToken = secret, Source = program }
                    : new RegistryCredential { Username = username, Password = secret, Source = program };
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                throw new InvalidDataException($"The credential helper {program} printed something that is not its JSON answer.", exception);
            }
        }
    }

    private static JsonObject? ReadObject(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"{file} is not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file} is not valid JSON: {exception.Message}", exception);
        }
    }

    private void WriteObject(JsonObject root)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(WeirCredentialsFile))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(WeirCredentialsFile)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the start, so the secret is never readable by others, not even briefly.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(ModulePackager.WriteJson(writer => root.WriteTo(writer)));
                stream.WriteByte((byte)'\n');
            }

            File.Move(temp, WeirCredentialsFile, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
