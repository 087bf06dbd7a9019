using System.Text.Json;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Interop;

/// <summary>
/// Weir's own client against Weir's own hub, as a user runs them: a token created offline, <c>weir login</c>,
/// <c>weir push</c> of a module file, and <c>weir pull</c> by tag (signed in) and by digest (anonymously,
/// once the repository is public) into other, empty stores.
/// </summary>
public sealed class WeirClientInteropTests
{
    /// <summary>(module (memory (export "memory") 1) (func (export "proxy_abi_version_0_2_1"))).</summary>
    private static readonly byte[] FilterModule =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x05, 0x03, 0x01, 0x00, 0x01,
        0x07, 0x24, 0x02,
        0x17, .. "proxy_abi_version_0_2_1"u8, 0x00, 0x00,
        0x06, .. "memory"u8, 0x02, 0x00,
        0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
    ];

    [WeirCliFact]
    public async Task WeirPushThenPull_ThroughTheHub_ModuleComesBackBitIdenticalByTagAndDigest()
    {
        using var directory = new TemporaryDirectory("weir-client");
        var data = Path.Combine(directory.Path, "hub");
        var token = (await Weir(directory.Path, "admin", "hub", "token", "create", "--data", data, "--user", "alice", "--scopes", "pull,push")).Output.Trim();
        token.Should().NotBeEmpty();
        using var hub = await HubProcess.StartAsync(data);
        var registry = $"{hub.Address.Host}:{hub.Address.Port}";
        var module = Path.Combine(directory.Path, "filter.wasm");
        await File.WriteAllBytesAsync(module, FilterModule);

        var login = await Weir(directory.Path, "publisher", ["login", registry, "-u", "alice", "--password-stdin"], token);
        login.ExitCode.Should().Be(0, login.ToString());
        var push = await Weir(directory.Path, "publisher", "push", module, $"{registry}/alice/filter:v1", "--json");
        push.ExitCode.Should().Be(0, push.ToString());
        var digest = JsonDocument.Parse(push.Output).RootElement.GetProperty("digest").GetString();
        digest.Should().StartWith("sha256:");

        // New repositories are private: the consumer signs in to pull by tag…
        (await Weir(directory.Path, "consumer", ["login", registry, "-u", "alice", "--password-stdin"], token)).ExitCode.Should().Be(0);
        var byTag = Path.Combine(directory.Path, "by-tag.wasm");
        var pullByTag = await Weir(directory.Path, "consumer", "pull", $"{registry}/alice/filter:v1", "-o", byTag);
        pullByTag.ExitCode.Should().Be(0, pullByTag.ToString());
        // …and once the repository is public, anyone pulls it anonymously, here by digest.
        (await Weir(directory.Path, "admin", "hub", "repo", "visibility", "--data", data, "alice/filter", "public")).ExitCode.Should().Be(0);
        var byDigest = Path.Combine(directory.Path, "by-digest.wasm");
        var pullByDigest = await Weir(directory.Path, "another-consumer", "pull", $"{registry}/alice/filter@{digest}", "-o", byDigest);
        pullByDigest.ExitCode.Should().Be(0, pullByDigest.ToString());

        (await File.ReadAllBytesAsync(byTag)).Should().Equal(FilterModule);
        (await File.ReadAllBytesAsync(byDigest)).Should().Equal(FilterModule);
        var list = await Weir(directory.Path, "consumer", "list", "--json");
        list.Output.Should().Contain("alice/filter").And.Contain(digest!);
    }

    [WeirCliFact]
    public async Task WeirPush_WithoutCredentials_IsRefusedAndNothingIsStored()
    {
        using var directory = new TemporaryDirectory("weir-client");
        var data = Path.Combine(directory.Path, "hub");
        using var hub = await HubProcess.StartAsync(data);
        var module = Path.Combine(directory.Path, "filter.wasm");
        await File.WriteAllBytesAsync(module, FilterModule);

        var push = await Weir(directory.Path, "anonymous", "push", module, $"{hub.Address.Host}:{hub.Address.Port}/alice/filter:v1");

        push.ExitCode.Should().NotBe(0);
        push.Error.Should().MatchRegex("(?i)unauthori[sz]ed|denied|401|credentials");
        using var client = new HttpClient { BaseAddress = hub.Address };
        (await client.GetAsync("/v2/alice/filter/tags/list")).StatusCode.Should().NotBe(System.Net.HttpStatusCode.OK);
    }

    private static Task<ProcessResult> Weir(string root, string user, params string[] arguments) => Weir(root, user, arguments, null);

    /// <summary>Runs the CLI as <paramref name="user"/>: each user has its own home, store and credentials.</summary>
    private static async Task<ProcessResult> Weir(string root, string user, string[] arguments, string? standardInput)
    {
        var home = Path.Combine(root, "users", user);
        Directory.CreateDirectory(home);
        var start = new System.Diagnostics.ProcessStartInfo(HubProcess.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryRoot.WeirDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["WEIR_HOME"] = Path.Combine(home, "weir");
        start.Environment["DOCKER_CONFIG"] = Path.Combine(home, ".docker");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
        start.Environment.Remove("REGISTRY_AUTH_FILE");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
