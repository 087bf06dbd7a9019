using Weir.Gateway.Configuration;

namespace Weir.Gateway.Tests.Configuration;

public sealed class ConfigurationParserTests
{
    private const string Source = "gateway.yaml";

    [Fact]
    public void Parse_CompleteConfiguration_BuildsEveryField()
    {
        var directory = Directory.CreateTempSubdirectory("weir-parser").FullName;
        File.WriteAllBytes(Path.Combine(directory, "auth.wasm"), [0, 97, 115, 109, 1, 0, 0, 0]);
        var parsed = Parse("""
            admin: { address: 127.0.0.1:9901 }
            access_log: /tmp/weir-access.log
            listeners:
              - name: public
                address: 127.0.0.1:8080
                protocols: [http1, h2c]
                filters: [auth]
                routes:
                  - name: api
                    match:
                      regex: /api/v[0-9]+/.*
                      headers:
                        - { name: x-env, exact: prod }
                        - { name: x-debug, absent: true }
                      methods: [get, POST]
                    cluster: api
                    timeout: 250ms
                    retry: { attempts: 2, on: [connect_failure, 5xx], per_try_timeout: 100ms }
                    preserve_host: true
                  - match: { path: /healthz }
                    cluster: api
                    timeout: 0
            clusters:
              - name: api
                endpoints: [http://127.0.0.1:9000/base/, https://backend.example:8443]
                load_balancing: least_request
                health_check: { path: /ready, interval: 2s, timeout: 500ms, healthy_threshold: 2, unhealthy_threshold: 3, expected_statuses: 200-299 }
                connect_timeout: 1s
                protocol: h2c
                max_connections_per_endpoint: 64
                idle_timeout: 30s
            filters:
              - name: auth
                module: auth.wasm
                sha256: sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
                root_id: auth_root
                vm_id: shared
                configuration: { cluster: auth, allow: [alice, bob], limit: 5, strict: true }
                vm_configuration: warm
                failure_policy: fail_open
                limits: { memory: 16MiB, callback_timeout: 20ms, max_vms: 4, max_buffered_body: 64KiB, recycle_at: 60% }
            """, directory);

        parsed.Errors.Should().BeEmpty();
        var definition = parsed.Definition!;
        definition.Admin!.Address.Should().Be("127.0.0.1:9901");
        definition.AccessLog!.Path.Should().Be("/tmp/weir-access.log");
        var listener = definition.Listeners.Single();
        listener.Protocols.Should().Be(ListenerProtocols.Http1AndHttp2);
        listener.Filters.Should().Equal("auth");
        var api = listener.Routes[0];
        api.Name.Should().Be("api");
        api.Match.PathKind.Should().Be(PathMatchKind.Regex);
        api.Match.Headers.Should().Equal(new HeaderMatchDefinition("x-env", HeaderMatchKind.Exact, "prod"), new HeaderMatchDefinition("x-debug", HeaderMatchKind.Absent, null));
        api.Match.Methods.Should().Equal("GET", "POST");
        api.Timeout.Should().Be(TimeSpan.FromMilliseconds(250));
        api.Retry.Should().Be(new RetryDefinition(2, RetryConditions.ConnectFailure | RetryConditions.ServerError, TimeSpan.FromMilliseconds(100)));
        api.PreserveHost.Should().BeTrue();
        listener.Routes[1].Name.Should().Be("1");
        listener.Routes[1].Match.PathKind.Should().Be(PathMatchKind.Exact);
        listener.Routes[1].Timeout.Should().Be(TimeSpan.Zero);
        var cluster = definition.Clusters.Single();
        cluster.Endpoints.Should().Equal("http://127.0.0.1:9000/base", "https://backend.example:8443");
        cluster.LoadBalancing.Should().Be(LoadBalancingPolicy.LeastRequest);
        cluster.HealthCheck.Should().Be(new HealthCheckDefinition("/ready", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), 2, 3, 200, 299));
        cluster.Protocol.Should().Be(UpstreamProtocol.Http2);
        cluster.MaxConnectionsPerEndpoint.Should().Be(64);
        var filter = definition.Filters.Single();
        filter.Module.Should().Be(new ModuleSource(ModuleSourceKind.File, Path.Combine(directory, "auth.wasm")));
        filter.Sha256.Should().Be(new string('a', 64));
        filter.Configuration.Should().Be("""{"cluster":"auth","allow":["alice","bob"],"limit":5,"strict":true}""");
        filter.VmConfiguration.Should().Be("warm");
        filter.FailurePolicy.Should().Be(FilterFailurePolicy.FailOpen);
        filter.Limits.Should().Be(new FilterLimitsDefinition(16UL << 20, TimeSpan.FromMilliseconds(20), 4, 64 << 10, 0.6));
    }

    [Fact]
    public void Parse_UnknownCluster_NamesFileLineAndField()
    {
        var parsed = Parse("""
            listeners:
              - name: public
                address: 127.0.0.1:8080
                routes:
                  - match: { prefix: /api }
                    cluster: apii
            clusters:
              - name: api
                endpoints: [http://127.0.0.1:9000]
            """);

        parsed.Succeeded.Should().BeFalse();
        parsed.Errors.Should().ContainSingle().Which.ToString()
            .Should().Be("gateway.yaml:6:9: listeners[0].routes[0].cluster: unknown cluster 'apii' (clusters: api)");
    }

    [Fact]
    public void Parse_MisspeltField_ListsTheAllowedOnes()
    {
        var parsed = Parse("""
            listeners:
              - name: public
                adress: 127.0.0.1:8080
                routes: [{ cluster: api }]
            clusters: [{ name: api, endpoints: [http://127.0.0.1:9000] }]
            """);

        parsed.Errors.Select(error => error.ToString()).Should().Contain(
            "gateway.yaml:3:5: listeners[0].adress: unknown field 'adress' (expected one of: address, filters, name, protocols, routes)");
        parsed.Errors.Should().Contain(error => error.Field == "listeners[0].address" && error.Message == "is required");
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOfThemWithPositions()
    {
        var parsed = Parse("""
            listeners:
              - name: public
                address: 127.0.0.1:99999
                routes:
                  - match: { prefix: api }
                    cluster: api
                    timeout: 15
            clusters:
              - name: api
                endpoints: [127.0.0.1:9000]
                load_balancing: random
            """);

        parsed.Errors.Select(error => (error.Line, error.Field)).Should().BeEquivalentTo(new[]
        {
            (3, "listeners[0].address"),
            (5, "listeners[0].routes[0].match.prefix"),
            (7, "listeners[0].routes[0].timeout"),
            (10, "clusters[0].endpoints[0]"),
            (11, "clusters[0].load_balancing"),
        });
        parsed.Errors.Single(error => error.Field.EndsWith("timeout", StringComparison.Ordinal)).Message.Should().Contain("use a number with a unit");
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsThePosition()
    {
        var parsed = Parse("listeners:\n  - name: [unclosed\n");

        var error = parsed.Errors.Should().ContainSingle().Subject;
        error.Line.Should().BeGreaterThan(0);
        error.Message.Should().StartWith("not valid YAML");
    }

    [Fact]
    public void Parse_BacktrackingRegex_IsRejectedWithTheReason()
    {
        var parsed = Parse("""
            listeners:
              - name: public
                address: 127.0.0.1:0
                routes: [{ match: { regex: "(a)\\1" }, cluster: api }]
            clusters: [{ name: api, endpoints: [http://127.0.0.1:9000] }]
            """);

        parsed.Errors.Should().ContainSingle().Which.Field.Should().Be("listeners[0].routes[0].match.regex");
    }

    [Fact]
    public void Parse_DuplicateNamesAndChains_AreErrors()
    {
        var directory = Directory.CreateTempSubdirectory("weir-parser").FullName;
        File.WriteAllBytes(Path.Combine(directory, "f.wasm"), [0]);
        var parsed = Parse("""
            listeners:
              - name: public
                address: 127.0.0.1:8080
                filters: [one]
                routes: [{ cluster: api, filters: [one, missing] }]
              - name: public
                address: 127.0.0.1:8080
                routes: [{ cluster: api }]
            clusters:
              - { name: api, endpoints: [http://127.0.0.1:9000] }
              - { name: api, endpoints: [http://127.0.0.1:9001] }
            filters:
              - { name: one, module: f.wasm }
            """, directory);

        var messages = parsed.Errors.Select(error => error.ToString()).ToList();
        messages.Should().Contain(message => message.Contains("clusters[1].name: the name 'api' is already used by clusters[0]", StringComparison.Ordinal));
        messages.Should().Contain(message => message.Contains("listeners[1].name: the name 'public' is already used by listeners[0]", StringComparison.Ordinal));
        messages.Should().Contain(message => message.Contains("listeners[1].address: 127.0.0.1:8080 is already used by listeners[0].address", StringComparison.Ordinal));
        messages.Should().Contain(message => message.Contains("routes[0].filters[0]: the filter 'one' appears twice in this chain (the listener's chain already runs it)", StringComparison.Ordinal));
        messages.Should().Contain(message => message.Contains("routes[0].filters[1]: unknown filter 'missing' (filters: one)", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FilterModuleProblems_NameTheModuleField()
    {
        var parsed = Parse("""
            listeners: [{ name: public, address: 127.0.0.1:0, routes: [{ cluster: api }] }]
            clusters: [{ name: api, endpoints: [http://127.0.0.1:9000] }]
            filters:
              - { name: gone, module: does-not-exist.wasm }
              - { name: bad-ref, module: "oci://" }
              - { name: bad-pin, module: "oci://127.0.0.1:5000/filters/x:v1", sha256: abc }
              - { name: bad-policy, module: "oci://127.0.0.1:5000/filters/x:v1", failure_policy: ignore }
              - { name: tiny, module: "oci://127.0.0.1:5000/filters/x:v1", limits: { memory: 1KiB } }
              - { name: recycled, module: "oci://127.0.0.1:5000/filters/x:v1", limits: { recycle_at: 150% } }
            """);

        parsed.Errors.Select(error => error.Field).Should().BeEquivalentTo(
            "filters[0].module", "filters[1].module", "filters[2].sha256", "filters[3].failure_policy", "filters[4].limits.memory", "filters[5].limits.recycle_at");
        parsed.Errors.Single(error => error.Field == "filters[5].limits.recycle_at").Message.Should().Be("expected a percentage from 0% to 100% (like 75%), found '150%'");
        parsed.Errors[0].Message.Should().Contain("does-not-exist.wasm").And.Contain("does not exist");
        parsed.Definition.Should().BeNull();
    }

    [Fact]
    public void Parse_OciModule_KeepsTheReference()
    {
        var parsed = Parse("""
            listeners: [{ name: public, address: 127.0.0.1:0, filters: [hello], routes: [{ cluster: api }] }]
            clusters: [{ name: api, endpoints: [http://127.0.0.1:9000] }]
            filters: [{ name: hello, module: "oci://127.0.0.1:5000/filters/add-header:v1", configuration: "x-hello" }]
            """);

        parsed.Errors.Should().BeEmpty();
        var filter = parsed.Definition!.Filters.Single();
        filter.Module.Should().Be(new ModuleSource(ModuleSourceKind.Oci, "127.0.0.1:5000/filters/add-header:v1"));
        filter.Configuration.Should().Be("x-hello");
        filter.FailurePolicy.Should().Be(FilterFailurePolicy.FailClosed);
    }

    [Fact]
    public void Parse_EmptyDocument_SaysWhatIsMissing()
    {
        Parse("").Errors.Should().ContainSingle().Which.Message.Should().Contain("empty");
        Parse("clusters: []").Errors.Should().Contain(error => error.Field == "listeners" && error.Message.StartsWith("is required", StringComparison.Ordinal));
    }

    private static ParsedConfiguration Parse(string yaml, string? directory = null) =>
        GatewayConfigurationParser.Parse(yaml, Source, directory ?? Path.GetTempPath());
}
