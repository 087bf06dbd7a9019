using System.Diagnostics;

namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>
/// Runs the real <c>weir</c> (the weir.dll built next to the tests) as a new user would, in child processes
/// with their own HOME, WEIR_HOME, config directories, npm cache and temporary directory, so tests never
/// touch the user's store, credentials or caches.
/// </summary>
internal sealed class WorkflowCli
{
    public WorkflowCli(string home)
    {
        Home = home;
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(TemporaryPath);
    }

    public string Home { get; }

    private static string DotnetPath =>
        System.Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    public string WeirHome => Path.Combine(Home, "weir");

    public string TemporaryPath => Path.Combine(Home, "tmp");

    /// <summary>Extra or overridden variables (null removes one).</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public async Task<WeirProcessResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Process.Start(CreateStartInfo(workingDirectory, arguments)) ?? throw new InvalidOperationException("could not start weir");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"weir {string.Join(' ', arguments)} did not finish in 5 minutes; stderr so far:\n{await error}");
        }

        return new WeirProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running command (hub, proxy, up); dispose the result to stop it.</summary>
    public BackgroundWeir Start(string workingDirectory, params string[] arguments) => new(CreateStartInfo(workingDirectory, arguments));

    private ProcessStartInfo CreateStartInfo(string workingDirectory, string[] arguments)
    {
        // The full path, so tests may give the child a PATH without dotnet on it.
        var start = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "weir.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = Home,
            ["WEIR_HOME"] = WeirHome,
            ["DOCKER_CONFIG"] = Path.Combine(Home, ".docker"),
            ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(Home, ".local", "share"),
            ["XDG_RUNTIME_DIR"] = null,
            ["REGISTRY_AUTH_FILE"] = null,
            ["TMPDIR"] = TemporaryPath,
            ["npm_config_cache"] = Path.Combine(Home, "npm-cache"),
            ["npm_config_update_notifier"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}
