namespace Weir.Oci.Tests.Support;

/// <summary>
/// Runs the real <c>weir</c> command (the weir.dll built next to the tests) in a child process with its own
/// WEIR_HOME, HOME and DOCKER_CONFIG, so tests never touch the user's store or credentials.
/// </summary>
internal sealed class WeirCli
{
    public WeirCli(string home)
    {
        Home = home;
        Directory.CreateDirectory(home);
    }

    public string Home { get; }

    public string WeirHome => Path.Combine(Home, "weir");

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public Task<ProcessRunner.Result> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    public Task<ProcessRunner.Result> RunWithInputAsync(string? input, params string[] arguments)
    {
        var weir = Path.Combine(AppContext.BaseDirectory, "weir.dll");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["WEIR_HOME"] = WeirHome,
            ["HOME"] = Home,
            ["DOCKER_CONFIG"] = Path.Combine(Home, ".docker"),
            ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(Home, ".local", "share"),
            ["XDG_RUNTIME_DIR"] = null,
            ["REGISTRY_AUTH_FILE"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync("dotnet", ["exec", weir, .. arguments], environment, input);
    }
}
