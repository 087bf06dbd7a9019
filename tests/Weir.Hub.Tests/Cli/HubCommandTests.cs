using System.Diagnostics;
using System.Globalization;
using System.Text;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Cli;

/// <summary><c>weir hub</c> and its administrative subcommands, run as the real CLI.</summary>
public sealed class HubCommandTests
{
    [WeirCliFact]
    public async Task Hub_FirstStartWithoutUsers_ExplainsTokenCreationAndStopsCleanlyOnSigterm()
    {
        using var directory = new TemporaryDirectory("weir-cli");
        var data = Path.Combine(directory.Path, "data");
        var start = new ProcessStartInfo(HubProcess.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryRoot.WeirDll, "hub", "--listen", "127.0.0.1:0", "--data", data })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var kill = await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.ExitCode.Should().Be(0, kill.ToString());
            output.Append(await process.StandardOutput.ReadToEndAsync());
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        var text = output.ToString();
        text.Should().MatchRegex(@"Weir hub listening on http://127\.0\.0\.1:[0-9]+");
        text.Should().Contain("No users yet").And.Contain($"weir hub token create --data {data} --user NAME --scopes pull,push");
        text.Should().Contain("Weir hub stopped.");
        process.ExitCode.Should().Be(0);
        File.Exists(Path.Combine(data, "hub.db")).Should().BeTrue();
    }

    [WeirCliFact]
    public async Task TokenCreate_WithUnknownScope_FailsWithAClearMessage()
    {
        using var directory = new TemporaryDirectory("weir-cli");

        var result = await WeirAsync("hub", "token", "create", "--data", directory.Path, "--user", "alice", "--scopes", "pull,write");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("Unknown scope 'write'");
        result.Output.Should().BeEmpty();
    }

    [WeirCliFact]
    public async Task TokenCreate_WithInvalidUserName_FailsWithAClearMessage()
    {
        using var directory = new TemporaryDirectory("weir-cli");

        var result = await WeirAsync("hub", "token", "create", "--data", directory.Path, "--user", "Alice!", "--scopes", "pull");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("Invalid user name 'Alice!'");
    }

    [WeirCliFact]
    public async Task Hub_WithMalformedListenAddress_FailsWithAClearMessage()
    {
        using var directory = new TemporaryDirectory("weir-cli");

        var result = await WeirAsync("hub", "--listen", "somewhere", "--data", directory.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("Invalid listen address 'somewhere'");
    }

    [WeirCliFact]
    public async Task Hub_OnAPortInUse_FailsWithOneLineInsteadOfAStackTrace()
    {
        using var directory = new TemporaryDirectory("weir-cli");
        using var running = await HubProcess.StartAsync(Path.Combine(directory.Path, "first"));

        var result = await WeirAsync("hub", "--listen", running.Address.Authority, "--data", Path.Combine(directory.Path, "second"));

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("address already in use");
        (result.Output + result.Error).Should().NotContain("   at ");
    }

    [WeirCliFact]
    public async Task OrgAndRepoCommands_ManageOrganisationsAndReportMissingRepositories()
    {
        using var directory = new TemporaryDirectory("weir-cli");

        var created = await WeirAsync("hub", "org", "create", "team", "--owner", "alice", "--data", directory.Path);
        var added = await WeirAsync("hub", "org", "add-member", "team", "--user", "bob", "--data", directory.Path);
        var duplicate = await WeirAsync("hub", "org", "create", "team", "--owner", "alice", "--data", directory.Path);
        var missing = await WeirAsync("hub", "repo", "visibility", "team/none", "public", "--data", directory.Path);
        var collected = await WeirAsync("hub", "gc", "--data", directory.Path);

        created.ExitCode.Should().Be(0, created.ToString());
        added.ExitCode.Should().Be(0, added.ToString());
        duplicate.ExitCode.Should().Be(1);
        duplicate.Error.Should().Contain("already taken");
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("There is no repository 'team/none'");
        collected.ExitCode.Should().Be(0, collected.ToString());
        collected.Output.Should().Contain("Scanned 0 blobs, deleted 0");
    }

    private static Task<ProcessResult> WeirAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(HubProcess.Dotnet, [RepositoryRoot.WeirDll, .. arguments]);
}
