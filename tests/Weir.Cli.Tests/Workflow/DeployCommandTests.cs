using System.Text.Json;
using Weir.Cli.Tests.Workflow.Support;
using Weir.Cli.Workflow.Deploy;
using Weir.Cli.Workflow.Shared;
using Weir.Cli.Workflow.Up;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Registry;
using Weir.Oci.Store;
using YamlDotNet.RepresentationModel;

namespace Weir.Cli.Tests.Workflow;

/// <summary>
/// <c>weir deploy</c> against a local store holding the sample filter: the documents are parsed as YAML
/// and checked against the documented field names of Envoy v3, Istio's WasmPlugin and the Weir gateway.
/// </summary>
public sealed class DeployCommandTests : IDisposable
{
    private const string Reference = "127.0.0.1:5000/team/hello_filter:v1";
    private readonly TemporaryDirectory directory = new();
    private readonly LocalStore store;
    private readonly PackagedModule solo;

    public DeployCommandTests()
    {
        store = new LocalStore(directory.Combine("store"));
        solo = ModulePackager.Package(SampleFilter.ReadModule(), new PackageOptions { RootIds = ["hello_filter"] });
        store.AddPackageAsync(solo, Weir.Oci.Content.Reference.Parse(Reference)).AsTask().GetAwaiter().GetResult();
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task DeployEnvoy_Remote_IsAV3BootstrapWithTheWasmFilterBeforeTheRouter()
    {
        var (exitCode, output, error) = await DeployAsync(Request("envoy") with { Upstream = "http://127.0.0.1:9000", Configuration = """{"value":"hi"}""" });

        exitCode.Should().Be(0, error);
        var document = ParseYaml(output);
        EnvoyV3Schema.Bootstrap.Check(document, "bootstrap").Should().BeEmpty();

        var manager = Path(document, "static_resources", "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config");
        var filters = (YamlSequenceNode)manager["http_filters"];
        filters.Children.Select(filter => Value(filter, "name")).Should().Equal("envoy.filters.http.wasm", "envoy.filters.http.router");
        Value(filters[0], "typed_config", "@type").Should().Be(EnvoyV3Schema.WasmType);
        var config = Path(filters[0], "typed_config", "config");
        Value(config, "root_id").Should().Be("hello_filter");
        Value(config, "configuration", "@type").Should().Be(EnvoyV3Schema.StringValueType);
        Value(config, "configuration", "value").Should().Be("""{"value":"hi"}""");
        Value(config, "vm_config", "runtime").Should().Be("envoy.wasm.runtime.v8");
        var remote = Path(config, "vm_config", "code", "remote");
        Value(remote, "sha256").Should().Be(solo.ModuleDigest.Encoded, "Envoy checks the downloaded bytes against the module's digest");
        Value(remote, "http_uri", "uri").Should().Be($"http://127.0.0.1:5000/v2/team/hello_filter/blobs/{solo.ModuleDigest}");
        Value(remote, "http_uri", "timeout").Should().MatchRegex("^[0-9]+s$");

        var clusters = ((YamlSequenceNode)Path(document, "static_resources")["clusters"]).Children.ToDictionary(cluster => Value(cluster, "name"));
        clusters.Should().ContainKey(Value(remote, "http_uri", "cluster"), "the module is fetched through a cluster of the bootstrap");
        var route = Path(manager, "route_config", "virtual_hosts", 0, "routes", 0, "route");
        clusters.Should().ContainKey(Value(route, "cluster"));
        Value(Path(clusters[Value(route, "cluster")], "load_assignment", "endpoints", 0, "lb_endpoints", 0, "endpoint", "address", "socket_address"), "port_value").Should().Be("9000");
        Value(document, "static_resources", "listeners", 0, "address", "socket_address", "port_value").Should().Be("8080");
    }

    [Fact]
    public async Task DeployEnvoy_LocalCode_ReadsTheModuleFromTheGivenFile()
    {
        var (exitCode, output, error) = await DeployAsync(Request("envoy") with { ModuleFile = "/etc/envoy/hello.wasm", Upstream = "https://api.example.com" });

        exitCode.Should().Be(0, error);
        var document = ParseYaml(output);
        EnvoyV3Schema.Bootstrap.Check(document, "bootstrap").Should().BeEmpty();
        var config = Path(document, "static_resources", "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config", "http_filters", 0, "typed_config", "config");
        Value(config, "vm_config", "code", "local", "filename").Should().Be("/etc/envoy/hello.wasm");
        config.Children.Should().NotContainKey(new YamlScalarNode("configuration"), "no --config was given");
        var cluster = Path(document, "static_resources", "clusters", 0);
        Value(cluster, "type").Should().Be("STRICT_DNS");
        Value(cluster, "transport_socket", "typed_config", "sni").Should().Be("api.example.com");
        ((YamlSequenceNode)Path(document, "static_resources")["clusters"]).Children.Should().HaveCount(1, "a local module needs no registry cluster");
    }

    [Fact]
    public async Task DeployEnvoy_CompatFormat_DefaultsToLocalCodeAndRefusesRemote()
    {
        var compat = ModulePackager.Package(SampleFilter.ReadModule(), new PackageOptions { Format = ModuleFormat.Compat, RootIds = ["hello_filter"] });
        await store.AddPackageAsync(compat, Weir.Oci.Content.Reference.Parse("127.0.0.1:5000/team/compat:v1"));

        var (exitCode, output, _) = await DeployAsync(Request("envoy") with { Reference = "127.0.0.1:5000/team/compat:v1" });
        exitCode.Should().Be(0);
        ParseYaml(output).ToString().Should().Contain("filename");

        var (refused, _, error) = await DeployAsync(Request("envoy") with { Reference = "127.0.0.1:5000/team/compat:v1", Code = "remote" });
        refused.Should().Be(WorkflowExitCodes.Failure);
        error.Should().Contain("tar+gzip").And.Contain("--code local");
    }

    [Fact]
    public async Task DeployIstio_IsAWasmPluginPinnedToTheManifestDigest()
    {
        var (exitCode, output, error) = await DeployAsync(Request("istio") with
        {
            Configuration = """{"header":"x-weir-filter","value":"hello","count":3}""",
            Namespace = "shop",
            Selectors = ["app=reviews", "version=v2"],
            Phase = "authz",
        });

        exitCode.Should().Be(0, error);
        var document = ParseYaml(output);
        IstioSchema.WasmPlugin.Check(document, "wasmplugin").Should().BeEmpty();
        Value(document, "apiVersion").Should().Be("extensions.istio.io/v1alpha1");
        Value(document, "kind").Should().Be("WasmPlugin");
        Value(document, "metadata", "name").Should().Be("hello-filter");
        Value(document, "metadata", "namespace").Should().Be("shop");
        var spec = Path(document, "spec");
        Value(spec, "url").Should().Be("oci://" + Reference);
        Value(spec, "sha256").Should().Be(solo.ManifestDigest.Encoded, "Istio checks the manifest digest, hex without the sha256: prefix");
        Value(spec, "phase").Should().Be("AUTHZ");
        Value(spec, "pluginName").Should().Be("hello_filter");
        Value(spec, "imagePullPolicy").Should().Be("IfNotPresent");
        Value(spec, "selector", "matchLabels", "app").Should().Be("reviews");
        Value(spec, "selector", "matchLabels", "version").Should().Be("v2");
        var pluginConfig = Path(spec, "pluginConfig");
        Value(pluginConfig, "header").Should().Be("x-weir-filter");
        ((YamlScalarNode)pluginConfig["count"]).Style.Should().NotBe(YamlDotNet.Core.ScalarStyle.DoubleQuoted, "a JSON number stays a number in the Struct");
    }

    [Fact]
    public async Task DeployIstio_ConfigurationThatIsNotAnObject_IsAUsageError()
    {
        var (exitCode, _, error) = await DeployAsync(Request("istio") with { Configuration = "just text" });

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain("pluginConfig is a JSON object");
    }

    [Fact]
    public async Task DeployIstio_CncfFormat_IsRefusedBecauseIstioCannotPullIt()
    {
        var cncf = ModulePackager.Package(SampleFilter.ReadModule(), new PackageOptions { Format = ModuleFormat.Cncf });
        await store.AddPackageAsync(cncf, Weir.Oci.Content.Reference.Parse("127.0.0.1:5000/team/cncf:v1"));

        var (exitCode, _, error) = await DeployAsync(Request("istio") with { Reference = "127.0.0.1:5000/team/cncf:v1" });

        exitCode.Should().Be(WorkflowExitCodes.Failure);
        error.Should().Contain("Istio cannot pull").And.Contain("--format solo");
    }

    [Fact]
    public async Task DeployWeir_PinsTheModuleByManifestAndModuleDigest()
    {
        var configurationFile = directory.Combine("config.json");
        File.WriteAllText(configurationFile, "{\"value\": \"true\"}\n");

        var (exitCode, output, error) = await DeployAsync(Request("weir") with { Upstream = "http://10.0.0.7:8000/api", ConfigurationFile = configurationFile, Listen = "0.0.0.0:80" });

        exitCode.Should().Be(0, error);
        var document = ParseYaml(output);
        var filter = Path(document, "filters", 0);
        Value(filter, "module").Should().Be($"oci://{Reference}@{solo.ManifestDigest}");
        Value(filter, "sha256").Should().Be(solo.ModuleDigest.Encoded);
        Value(filter, "root_id").Should().Be("hello_filter");
        Value(filter, "configuration").Should().Be("{\"value\": \"true\"}");
        Value(document, "listeners", 0, "address").Should().Be("0.0.0.0:80");
        Value(document, "listeners", 0, "filters", 0).Should().Be(Value(filter, "name"));
        Value(document, "clusters", 0, "endpoints", 0).Should().Be("http://10.0.0.7:8000/api");
        Value(document, "listeners", 0, "routes", 0, "cluster").Should().Be(Value(document, "clusters", 0, "name"));
    }

    [Fact]
    public async Task Deploy_Json_WritesTheSameDocumentAsJson()
    {
        var (_, yaml, _) = await DeployAsync(Request("istio"));
        var (exitCode, json, _) = await DeployAsync(Request("istio") with { Json = true });

        exitCode.Should().Be(0);
        using var parsed = JsonDocument.Parse(json);
        parsed.RootElement.GetProperty("spec").GetProperty("sha256").GetString().Should().Be(Value(ParseYaml(yaml), "spec", "sha256"));
    }

    [Fact]
    public async Task Deploy_OutputFile_IsWrittenAndNamedOnStandardError()
    {
        var file = directory.Combine("envoy.yaml");

        var (exitCode, output, error) = await DeployAsync(Request("envoy") with { Output = file });

        exitCode.Should().Be(0, error);
        output.Should().BeEmpty();
        error.Should().Contain("Wrote " + file);
        EnvoyV3Schema.Bootstrap.Check(ParseYaml(File.ReadAllText(file)), "bootstrap").Should().BeEmpty();
    }

    [Theory]
    [InlineData("istio", "--upstream")]
    [InlineData("weir", "--namespace")]
    [InlineData("istio", "--code")]
    public async Task Deploy_OptionOfAnotherTarget_IsAUsageError(string target, string option)
    {
        var request = option switch
        {
            "--upstream" => Request(target) with { Upstream = "http://127.0.0.1:9000" },
            "--namespace" => Request(target) with { Namespace = "shop" },
            _ => Request(target) with { Code = "local" },
        };

        var (exitCode, _, error) = await DeployAsync(request);

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain($"{option} does not apply to '{target}'");
    }

    [Fact]
    public async Task Deploy_UnknownTarget_ListsTheTargets()
    {
        var (exitCode, _, error) = await DeployAsync(Request("kubernetes"));

        exitCode.Should().Be(WorkflowExitCodes.Usage);
        error.Should().Contain("weir, envoy, istio");
    }

    [Fact]
    public async Task Deploy_ReferenceNotStoredAndRegistryUnreachable_FailsWithTheRegistryError()
    {
        var (exitCode, _, error) = await DeployAsync(Request("weir") with { Reference = "127.0.0.1:1/nothing:v1" });

        exitCode.Should().Be(WorkflowExitCodes.Failure);
        error.Should().Contain("not in the local store; pulling it from 127.0.0.1:1");
    }

    [Fact]
    public void YamlText_StringsThatLookLikeOtherTypes_AreQuoted()
    {
        var text = YamlText.Write(
            new System.Text.Json.Nodes.JsonObject { ["a"] = "true", ["b"] = "8080", ["c"] = "null", ["d"] = "", ["e"] = 8080, ["f"] = true, ["g"] = "1.5e3", ["h"] = "no", ["i"] = "plain text" },
            ["header"]);

        var document = (YamlMappingNode)ParseYaml(text);
        foreach (var key in new[] { "a", "b", "c", "d", "g", "h" })
        {
            ((YamlScalarNode)document[key]).Style.Should().BeOneOf([YamlDotNet.Core.ScalarStyle.DoubleQuoted, YamlDotNet.Core.ScalarStyle.SingleQuoted], $"'{key}' holds a string");
        }

        ((YamlScalarNode)document["e"]).Style.Should().Be(YamlDotNet.Core.ScalarStyle.Plain);
        ((YamlScalarNode)document["f"]).Style.Should().Be(YamlDotNet.Core.ScalarStyle.Plain);
        Value(document, "i").Should().Be("plain text");
        text.Should().StartWith("# header\n");
    }

    private static DeployRequest Request(string target) => new(target, Reference, null, null, null, null, null, null, null, null, null, [], null, null, false, false);

    private async Task<(int ExitCode, string Output, string Error)> DeployAsync(DeployRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await WorkflowCommandRunner.RunAsync("deploy", error, () => DeployCommand.RunAsync(
            request,
            store,
            () => new RegistryClient(new RegistryClientOptions()),
            output,
            error,
            CancellationToken.None));
        return (exitCode, output.ToString(), error.ToString());
    }

    private static YamlNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Should().ContainSingle().Subject.RootNode;
    }

    private static YamlMappingNode Path(YamlNode node, params object[] steps) => (YamlMappingNode)Walk(node, steps);

    private static string Value(YamlNode node, params object[] steps) => ((YamlScalarNode)Walk(node, steps)).Value!;

    private static YamlNode Walk(YamlNode node, object[] steps)
    {
        foreach (var step in steps)
        {
            node = step switch
            {
                int index => ((YamlSequenceNode)node).Children[index],
                string key => ((YamlMappingNode)node).Children[new YamlScalarNode(key)],
                _ => throw new ArgumentException($"bad step {step}"),
            };
        }

        return node;
    }
}
