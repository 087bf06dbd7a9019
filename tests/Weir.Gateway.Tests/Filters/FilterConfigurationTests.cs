using System.Net;
using System.Security.Cryptography;
using Weir.Gateway.Tests.Support;
using Weir.Oci.Content;
using Weir.Oci.Store;

namespace Weir.Gateway.Tests.Filters;

public sealed class FilterConfigurationTests
{
    [Fact]
    public async Task Sha256Pin_Matching_Loads()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var digest = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(ExampleFilters.AddHeader)));
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, sha256: "sha256:{{digest}}" }
            """));

        using var response = await gateway.GetAsync("/");

        response.Headers.GetValues("hello").Should().Equal("world!");
    }

    [Fact]
    public async Task Sha256Pin_Mismatch_FailsStartWithTheFieldAndBothDigests()
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(ExampleFilters.AddHeader)));
        var pinned = new string('0', 64);

        var yaml = ExampleFilterTests.Chain("http://127.0.0.1:9", "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header, sha256: {{pinned}} }
            """);
        var pinLine = yaml.Split('\n').ToList().FindIndex(line => line.Contains("sha256", StringComparison.Ordinal)) + 1;

        Func<Task> starting = () => TestGateway.StartAsync(yaml);

        var error = (await starting.Should().ThrowAsync<GatewayConfigurationException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be("filters[0].sha256");
        error.Line.Should().Be(pinLine);
        error.Message.Should().Contain(actual).And.Contain(pinned);
    }

    [Fact]
    public async Task Module_NotWebAssembly_FailsStartNamingTheModuleField()
    {
        var bogus = Path.Combine(Path.GetTempPath(), "weir-bogus-" + Guid.NewGuid().ToString("N") + ".wasm");
        await File.WriteAllTextAsync(bogus, "not a module");

        Func<Task> starting = () => TestGateway.StartAsync(ExampleFilterTests.Chain("http://127.0.0.1:9", "[bogus]", $$"""
              - { name: bogus, module: "{{bogus}}" }
            """));

        var error = (await starting.Should().ThrowAsync<GatewayConfigurationException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be("filters[0].module");
        error.Message.Should().Contain("not a usable proxy-wasm module");
        File.Delete(bogus);
    }

    [Fact]
    public async Task RootIdUnknownToModule_FailsStartNamingTheFilter()
    {
        Func<Task> starting = () => TestGateway.StartAsync(ExampleFilterTests.Chain("http://127.0.0.1:9", "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: no_such_root }
            """));

        var errors = (await starting.Should().ThrowAsync<GatewayConfigurationException>()).Which.Errors;
        errors.Should().ContainSingle().Which.Field.Should().StartWith("filters[0]");
    }

    [Fact]
    public async Task OciReference_InLocalStore_IsResolvedWithoutARegistry()
    {
        var store = Directory.CreateTempSubdirectory("weir-store").FullName;
        var reference = Reference.Parse("127.0.0.1:1/filters/add-header:v1");
        await new LocalStore(store).AddModuleAsync(await File.ReadAllBytesAsync(ExampleFilters.AddHeader), reference);
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(
            ExampleFilterTests.Chain(upstream.Url, "[hello]", """
              - { name: hello, module: "oci://127.0.0.1:1/filters/add-header:v1", root_id: add_header, configuration: from-oci }
            """),
            options: new GatewayHostOptions { WatchConfigurationFile = false, LocalStorePath = store });

        using var response = await gateway.GetAsync("/");

        response.Headers.GetValues("hello").Should().Equal("from-oci");
    }

    [Fact]
    public async Task OciReference_MissingAndRegistryUnreachable_FailsWithTheModuleField()
    {
        var store = Directory.CreateTempSubdirectory("weir-store").FullName;

        Func<Task> starting = () => TestGateway.StartAsync(
            ExampleFilterTests.Chain("http://127.0.0.1:9", "[hello]", $$"""
              - { name: hello, module: "oci://127.0.0.1:{{FreePorts.Reserve()}}/filters/missing:v1" }
            """),
            options: new GatewayHostOptions { WatchConfigurationFile = false, LocalStorePath = store });

        var error = (await starting.Should().ThrowAsync<GatewayConfigurationException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be("filters[0].module");
        error.Message.Should().Contain("pulling it failed");
    }

    [Fact]
    public async Task Ready_ReportsFiltersWithRunningVms()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync("admin: { address: 127.0.0.1:0 }\n" + ExampleFilterTests.Chain(upstream.Url, "[hello]", $$"""
              - { name: hello, module: "{{ExampleFilters.AddHeader}}", root_id: add_header }
            """));

        using var ready = await gateway.Client.GetAsync(new Uri(gateway.Admin, "/ready"));

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
