using System.Net;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Cli;

/// <summary><c>weir proxy</c> as a user runs it: a real process, real sockets, signals.</summary>
public sealed class ProxyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("weir-proxy-cli").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task OneLiner_UpstreamAndFilter_ServesFilteredResponsesAndStopsOnSigterm()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var weir = WeirProcess.Start(_directory, "proxy", "--listen", "127.0.0.1:0", "--upstream", upstream.Url,
            "--filter", ExampleFilters.AddHeader, "--root-id", "add_header", "--filter-config", "from the command line");
        var address = await weir.ListenerAsync();
        using var client = TestGateway.CreateClient();

        using var response = await client.GetAsync(new Uri(address, "/hello"));
        weir.Signal("TERM");
        var exitCode = await weir.WaitForExitAsync(TimeSpan.FromSeconds(30));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("hello").Should().Equal("from the command line");
        upstream.Last.PathAndQuery.Should().Be("/hello");
        exitCode.Should().Be(0);
        weir.Output.Should().Contain("Weir gateway stopping.");
    }

    [Fact]
    public async Task ConfigFile_ServesAndReloadsOnSighup()
    {
        await using var blue = await TestUpstream.StartAsync(context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "blue"));
        await using var green = await TestUpstream.StartAsync(context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "green"));
        var config = Path.Combine(_directory, "gateway.yaml");
        await File.WriteAllTextAsync(config, Yaml.SingleRoute(endpoints: blue.Url));
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", config);
        var address = await weir.ListenerAsync("public");
        using var client = TestGateway.CreateClient();
        (await client.GetStringAsync(new Uri(address, "/"))).Should().Be("blue");

        await File.WriteAllTextAsync(config, Yaml.SingleRoute(endpoints: green.Url));
        weir.Signal("HUP");

        await Eventually.TrueAsync(async () => await client.GetStringAsync(new Uri(address, "/")) == "green", TimeSpan.FromSeconds(20), "the gateway reloaded");
        weir.Signal("INT");
        (await weir.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
    }

    [Fact]
    public async Task InvalidConfig_ExitsWith2AndPrintsFileLineAndField()
    {
        var config = Path.Combine(_directory, "gateway.yaml");
        await File.WriteAllTextAsync(config, """
            listeners:
              - name: public
                address: 127.0.0.1:0
                routes: [{ cluster: missing }]
            clusters: [{ name: api, endpoints: [http://127.0.0.1:9] }]
            """);
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", config);

        var exitCode = await weir.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(2);
        weir.Error.Should().Contain($"{config}:4:").And.Contain("listeners[0].routes[0].cluster: unknown cluster 'missing' (clusters: api)");
    }

    [Fact]
    public async Task OneLiner_MissingFilterModule_ExitsWith2NamingTheFilter()
    {
        await using var weir = WeirProcess.Start(_directory, "proxy", "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9", "--filter", "missing.wasm");

        var exitCode = await weir.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(2);
        weir.Error.Should().Be($"command line: filters[0].module: the module file '{Path.Combine(_directory, "missing.wasm")}' does not exist{Environment.NewLine}");
    }

    [Fact]
    public async Task Check_ValidConfigWithFilter_PrintsValidAndExits0()
    {
        var config = Path.Combine(_directory, "gateway.yaml");
        await File.WriteAllTextAsync(config, Filters.ExampleFilterTests.Chain("http://127.0.0.1:9", "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
            """));
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", config, "--check");

        var exitCode = await weir.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(0);
        weir.Output.Should().Contain("configuration is valid");
    }

    [Fact]
    public async Task Options_ConfigCombinedWithOneLiner_ExitsWith2AndSaysWhy()
    {
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", "gateway.yaml", "--upstream", "http://127.0.0.1:9");

        var exitCode = await weir.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(2);
        weir.Error.Should().Contain("--config cannot be combined with");
    }

    [Fact]
    public async Task OneLiner_BadUpstream_ExitsWith2NamingTheOption()
    {
        await using var weir = WeirProcess.Start(_directory, "proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:9000");

        var exitCode = await weir.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(2);
        weir.Error.Should().Contain("--upstream '127.0.0.1:9000' is not an absolute http://");
    }
}
