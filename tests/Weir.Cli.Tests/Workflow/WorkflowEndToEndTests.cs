using System.Net;
using System.Text.RegularExpressions;
using Weir.Cli.Tests.Workflow.Support;

namespace Weir.Cli.Tests.Workflow;

/// <summary>
/// The issue's acceptance test, run as a new user would with the real <c>weir</c>: init → build → hub →
/// push → proxy with the <c>oci://</c> reference (from a second, empty store, so it really pulls from
/// the hub) → a request through the gateway carries the filter's header. Once per template.
/// </summary>
public sealed partial class WorkflowEndToEndTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly TemporaryDirectory directory = new();
    private readonly WorkflowCli user;

    public WorkflowEndToEndTests()
    {
        user = new WorkflowCli(directory.Combine("home"));
    }

    public void Dispose() => directory.Dispose();

    [ToolchainFact("node", "npm")]
    public async Task Workflow_AssemblyScriptProject_FilterPulledFromTheHubAddsItsHeader()
    {
        var (reference, hub) = await InitBuildHubAndPushAsync("assemblyscript", "hello-as");
        await using (hub)
        {
            await ProxyFromTheHubAsync(reference, "hello_as");
        }
    }

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task Workflow_CProject_FilterPulledFromTheHubAddsItsHeader()
    {
        var (reference, hub) = await InitBuildHubAndPushAsync("c", "hello-c");
        await using (hub)
        {
            await ProxyFromTheHubAsync(reference, "hello_c");
        }
    }

    [ToolchainFact("clang", "wasm-ld", "wasi-libc")]
    public async Task DeployWeir_ModuleInTheHub_GatewayConfigurationRunsTheFilter()
    {
        var (reference, hub) = await InitBuildHubAndPushAsync("c", "deployed");
        await using (hub)
        {
            // Another machine: nothing in its store, so deploy pulls the module to learn its digests.
            var operatorUser = new WorkflowCli(directory.Combine("operator-home"));
            await using var upstream = await TestUpstream.StartAsync();
            var configuration = directory.Combine("gateway.yaml");
            var deploy = await operatorUser.RunAsync(directory.Path, "deploy", "weir", reference, "--upstream", upstream.Url, "--listen", "127.0.0.1:0", "--config", """{"value": "from weir deploy"}""", "-o", configuration);
            deploy.ExitCode.Should().Be(0, deploy.ToString());

            await using var proxy = new WorkflowCli(directory.Combine("gateway-home")).Start(directory.Path, "proxy", "-c", configuration);
            var ready = await proxy.WaitForOutputAsync(text => ListenerAddress(text) is not null, StartTimeout);
            var response = await GetAsync(ListenerAddress(ready)!);
            response.Headers.GetValues("x-weir-filter").Should().Equal("from weir deploy");
        }
    }

    private async Task<(string Reference, BackgroundWeir Hub)> InitBuildHubAndPushAsync(string language, string name)
    {
        var port = FreePort.Next();
        var reference = $"127.0.0.1:{port}/{name}:v1";

        var init = await user.RunAsync(directory.Path, "init", name, "--language", language);
        init.ExitCode.Should().Be(0, init.ToString());

        var build = await user.RunAsync(directory.Path, "build", name, "-t", reference);
        build.ExitCode.Should().Be(0, build.ToString());
        build.Output.Should().Contain($"root ids: {name.Replace('-', '_')}").And.Contain($"Stored {reference}");

        // The project's own gateway.yaml is valid and loads the built module.
        var check = await user.RunAsync(directory.Combine(name), "proxy", "-c", "gateway.yaml", "--check");
        check.ExitCode.Should().Be(0, check.ToString());

        var hubData = directory.Combine("hub");
        var hub = user.Start(directory.Path, "hub", "--listen", $"127.0.0.1:{port}", "--data", hubData, "--public-by-default");
        try
        {
            await hub.WaitForOutputAsync(text => text.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal), StartTimeout);
            var token = await user.RunAsync(directory.Path, "hub", "token", "create", "--data", hubData, "--user", "me");
            token.ExitCode.Should().Be(0, token.ToString());

            var push = await user.RunAsync(directory.Path, "push", reference, "-u", "me", "-p", token.Output.Trim());
            push.ExitCode.Should().Be(0, push.ToString());
            return (reference, hub);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    private async Task ProxyFromTheHubAsync(string reference, string rootId)
    {
        await using var upstream = await TestUpstream.StartAsync();
        var gatewayUser = new WorkflowCli(directory.Combine("gateway-home"));
        await using var proxy = gatewayUser.Start(
            directory.Path,
            "proxy", "--listen", "127.0.0.1:0", "--upstream", upstream.Url,
            "--filter", "oci://" + reference, "--root-id", rootId, "--filter-config", """{"value": "built by the workflow test"}""");
        var ready = await proxy.WaitForOutputAsync(text => ListenerAddress(text) is not null, StartTimeout);

        var response = await GetAsync(ListenerAddress(ready)!);
        response.Headers.GetValues("x-weir-filter").Should().Equal("built by the workflow test");
        (await response.Content.ReadAsStringAsync()).Should().Be(TestUpstream.Body);

        var list = await gatewayUser.RunAsync(directory.Path, "list");
        list.Output.Should().Contain(reference, "the gateway pulled the module from the hub into its own store");
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri address)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var response = await client.GetAsync(address);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static Uri? ListenerAddress(string output) =>
        ListenerLine().Match(output) is { Success: true } match ? new Uri(match.Groups["address"].Value) : null;

    [GeneratedRegex(@"Weir gateway listener \S+ on (?<address>http://\S+)")]
    private static partial Regex ListenerLine();
}
