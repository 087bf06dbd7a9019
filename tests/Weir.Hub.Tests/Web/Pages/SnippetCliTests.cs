using System.Diagnostics;
using System.Security.Cryptography;
using Weir.Hub.Tests.Support;
using Weir.Hub.Tests.Web.Support;

namespace Weir.Hub.Tests.Web.Pages;

/// <summary>The module page's <c>weir pull</c> line, pasted into a shell as is, fetches the very module the page describes.</summary>
public sealed class SnippetCliTests
{
    [WeirCliFact]
    public async Task PullSnippet_RunAsPrinted_WritesTheModule()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        using var directory = new TemporaryDirectory("weir-snippet");
        var snippet = WebHub.Snippet((await web.Browser().GetAsync("/r/alice/add-header/-/tags/v1")).Html, "snippet-pull");
        var words = snippet.Split(' ');
        words[..2].Should().Equal("weir", "pull");

        // Run where a user would paste it: the relative output file lands in the working directory.
        var start = new ProcessStartInfo(HubProcess.Dotnet) { WorkingDirectory = directory.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryRoot.WeirDll }.Concat(words[1..]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WEIR_HOME"] = Path.Combine(directory.Path, "home");
        start.Environment["HOME"] = directory.Path;
        start.Environment["DOCKER_CONFIG"] = Path.Combine(directory.Path, "docker");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, $"stdout: {await output}\nstderr: {await error}");
        var written = await File.ReadAllBytesAsync(Path.Combine(directory.Path, "add-header.wasm"));
        SHA256.HashData(written).Should().Equal(SHA256.HashData(ProxyWasmModule.Build()));
    }
}
