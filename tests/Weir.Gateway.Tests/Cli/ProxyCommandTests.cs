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
    public async Task SpinningFilter_WhileItRuns_RequestsOnOtherConnectionsAreServed()
    {
        // weir proxy runs requests on the socket I/O threads; a filter callback must not, or it would stall
        // every connection of its thread until the callback time limit stops it.
        await using var upstream = await TestUpstream.StartAsync();
        var config = Path.Combine(_directory, "gateway.yaml");
        await File.WriteAllTextAsync(config, $$"""
            listeners:
              - name: public
                address: 127.0.0.1:0
                routes:
                  - { match: { path: /spin }, cluster: backend, filters: [spin] }
                  - { match: { prefix: / }, cluster: backend }
            clusters:
              - { name: backend, endpoints: [{{upstream.Url}}] }
            filters:
              - { name: spin, module: "{{ExampleFilters.InfiniteLoop}}", limits: { callback_timeout: 3s, max_vms: 1 } }
            """);
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", config);
        var address = await weir.ListenerAsync("public");
        using var warm = TestGateway.CreateClient();
        (await warm.GetStringAsync(new Uri(address, "/warm"))).Should().Be("upstream");

        // The spinning request goes second on its connection: a connection's first request starts on the thread
        // pool, later ones run where their bytes were read.
        using var spinClient = TestGateway.CreateClient();
        (await spinClient.GetStringAsync(new Uri(address, "/first"))).Should().Be("upstream");
        var spinning = spinClient.GetAsync(new Uri(address, "/spin"));
        await Task.Delay(300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var others = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var client = TestGateway.CreateClient();
            var first = await client.GetStringAsync(new Uri(address, "/other/" + i));
            return first + await client.GetStringAsync(new Uri(address, "/again/" + i));
        }));
        var othersTook = watch.Elapsed;
        using var spun = await spinning;

        others.Should().AllBe("upstreamupstream");
        spinning.IsCompleted.Should().BeTrue();
        othersTook.Should().BeLessThan(TimeSpan.FromSeconds(2), "16 connections were served while the filter spun for 3 s");
        spun.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the callback time limit stopped the spinning filter");
    }

    [Fact]
    public async Task ConfigFile_ExampleFilters_AddedHeader403RewrittenBodyAndCalloutResultAsAClientSeesThem()
    {
        await using var services = await TestUpstream.StartAsync(context => context.Request.Path.StartsWithSegments("/check")
            ? WriteAsync(context, context.Request.Headers.Authorization == "Bearer good" ? 200 : 403, "checked")
            : WriteAsync(context, 200, "found:" + context.Request.Query["path"]));
        await using var upstream = await TestUpstream.StartAsync(context => WriteAsync(context, 200, "hello world, lookup=" + context.Request.Headers["x-lookup"] + ", auth=" + context.Request.Headers["added-header"]));
        var config = Path.Combine(_directory, "gateway.yaml");
        await File.WriteAllTextAsync(config, $$"""
            listeners:
              - name: public
                address: 127.0.0.1:0
                filters: [hello, lookup]
                routes:
                  - { match: { prefix: /private }, cluster: backend, filters: [auth] }
                  - { match: { prefix: /text }, cluster: backend, filters: [rewrite] }
                  - { match: { prefix: / }, cluster: backend }
            clusters:
              - { name: backend, endpoints: [{{upstream.Url}}] }
              - { name: services, endpoints: [{{services.Url}}] }
            filters:
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
              - { name: lookup, module: "{{ExampleFilters.Callout}}", root_id: callout, configuration: services }
              - { name: auth, module: "{{ExampleFilters.Auth}}", root_id: auth, configuration: services }
              - { name: rewrite, module: "{{ExampleFilters.BodyRewrite}}", root_id: body_rewrite, configuration: "world|weir" }
            """);
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", config);
        var address = await weir.ListenerAsync("public");
        using var client = TestGateway.CreateClient();

        using var plain = await client.GetAsync(new Uri(address, "/books/7"));
        using var denied = await client.GetAsync(new Uri(address, "/private/report"));
        using var allowedRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/private/report"));
        allowedRequest.Headers.TryAddWithoutValidation("authorization", "Bearer good");
        using var allowed = await client.SendAsync(allowedRequest);
        using var rewritten = await client.GetAsync(new Uri(address, "/text"));

        plain.Headers.GetValues("hello").Should().Equal("world!");
        (await plain.Content.ReadAsStringAsync()).Should().Be("hello world, lookup=found:/books/7, auth=");
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await denied.Content.ReadAsStringAsync()).Should().Be("forbidden\n");
        denied.Headers.GetValues("hello").Should().Equal("world!");
        (await allowed.Content.ReadAsStringAsync()).Should().Be("hello world, lookup=found:/private/report, auth=authorized");
        (await rewritten.Content.ReadAsStringAsync()).Should().Be("hello weir, lookup=found:/text, auth=");
    }

    [Fact]
    public async Task ConfigFile_ReloadsOnSighupAndOnFileChange()
    {
        await using var blue = await TestUpstream.StartAsync(context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "blue"));
        await using var green = await TestUpstream.StartAsync(context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "green"));
        var config = Path.Combine(_directory, "gateway.yaml");
        await File.WriteAllTextAsync(config, Yaml.SingleRoute(endpoints: blue.Url));
        await using var weir = WeirProcess.Start(_directory, "proxy", "-c", config);
        var address = await weir.ListenerAsync("public");
        using var client = TestGateway.CreateClient();
        (await client.GetStringAsync(new Uri(address, "/"))).Should().Be("blue");

        // SIGHUP reloads even an unchanged file (the file watch only reloads changed content).
        weir.Signal("HUP");
        await Eventually.TrueAsync(() => weir.Output.Contains("configuration version 2", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "SIGHUP reloaded the file");
        await File.WriteAllTextAsync(config, Yaml.SingleRoute(endpoints: green.Url));
        await Eventually.TrueAsync(async () => await client.GetStringAsync(new Uri(address, "/")) == "green", TimeSpan.FromSeconds(20), "the file watch reloaded the changed file");

        // SIGTERM rather than SIGINT: a test run started in the background inherits SIGINT ignored.
        weir.Signal("TERM");
        (await weir.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        weir.Output.Should().Contain("configuration version 3");
    }

    private static Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, body);
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
        weir.Output.Should().NotContain("reload", "a first load that fails is reported once, not as a failed reload");
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
