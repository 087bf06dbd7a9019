using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Admin;

public sealed partial class AdminTests : IAsyncLifetime
{
    private TestUpstream _upstream = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/missing" ? 404 : 200;
            return context.Response.WriteAsync("hi");
        });
        _gateway = await TestGateway.StartAsync($$"""
            admin: { address: 127.0.0.1:0 }
            listeners:
              - name: public
                address: 127.0.0.1:0
                routes:
                  - name: api
                    match: { prefix: /api }
                    cluster: backend
                  - name: rest
                    match: { prefix: /missing }
                    cluster: backend
            clusters:
              - name: backend
                endpoints: [{{_upstream.Url}}]
              - name: nowhere
                endpoints: [http://127.0.0.1:{{FreePorts.Reserve()}}]
            """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Ready_WhenListening_Answers200()
    {
        using var response = await _gateway.Client.GetAsync(new Uri(_gateway.Admin, "/ready"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("ready\n");
    }

    [Fact]
    public async Task Metrics_AfterTraffic_PrometheusTextWithRequestsLatenciesAndUpstreamErrors()
    {
        for (var i = 0; i < 3; i++)
        {
            (await _gateway.GetAsync("/api/x")).Dispose();
        }

        (await _gateway.GetAsync("/missing")).Dispose();
        (await _gateway.GetAsync("/unrouted")).Dispose();

        var text = await _gateway.AdminGetWhenAsync("/metrics", "code=\"200\"} 3\n", "code=\"404\"} 1\n", "weir_no_route_total{listener=\"public\"} 1\n");
        using var response = await _gateway.Client.GetAsync(new Uri(_gateway.Admin, "/metrics"));

        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        text.Should().Contain("weir_requests_total{listener=\"public\",route=\"api\",code=\"200\"} 3\n");
        text.Should().Contain("weir_requests_total{listener=\"public\",route=\"rest\",code=\"404\"} 1\n");
        text.Should().Contain("weir_no_route_total{listener=\"public\"} 1\n");
        text.Should().Contain("weir_request_duration_seconds_count{listener=\"public\",route=\"api\"} 3\n");
        text.Should().Contain("weir_request_duration_seconds_bucket{listener=\"public\",route=\"api\",le=\"+Inf\"} 3\n");
        text.Should().Contain("weir_upstream_requests_total{cluster=\"backend\"} 4\n");
        text.Should().Contain("weir_upstream_endpoint_healthy{cluster=\"backend\",endpoint=\"" + _upstream.Url + "\"} 1\n");
        text.Should().Contain("# TYPE weir_request_duration_seconds histogram\n");
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            line.Should().MatchRegex(SampleOrComment(), "every line is a comment or a sample in the exposition format");
        }

        // Scrapers that follow the format (OpenMetrics) refuse a family whose samples come in pieces.
        var seen = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')))
        {
            var family = FamilyOf(line);
            if (seen.Count == 0 || seen[^1] != family)
            {
                seen.Should().NotContain(family, "the samples of one family are contiguous");
                seen.Add(family);
            }
        }
    }

    private static string FamilyOf(string sample)
    {
        var name = sample[..sample.IndexOfAny(['{', ' '])];
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    [Fact]
    public async Task Stats_AfterUpstreamFailure_CountsTheErrorKind()
    {
        var yaml = await File.ReadAllTextAsync(_gateway.ConfigPath);
        var first = yaml.IndexOf("cluster: backend", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_gateway.ConfigPath, yaml[..first] + "cluster: nowhere" + yaml[(first + "cluster: backend".Length)..]);
        (await _gateway.Host.ReloadAsync()).Succeeded.Should().BeTrue();
        (await _gateway.GetAsync("/api/x")).Dispose();

        var stats = await _gateway.AdminGetWhenAsync("/stats", "cluster.nowhere.upstream_errors.connect_failure: 1\n", "listener.public.route.api.status.502: 1\n");

        stats.Should().Contain("cluster.nowhere.upstream_errors.connect_failure: 1\n");
        stats.Should().Contain("listener.public.route.api.status.502: 1\n");
        stats.Should().Contain("config.version: 2\n");
    }

    [Fact]
    public async Task ConfigDump_ShowsActiveVersionAndDefinition()
    {
        var dump = JsonDocument.Parse(await _gateway.AdminGetAsync("/config_dump")).RootElement;

        dump.GetProperty("version").GetInt64().Should().Be(1);
        dump.GetProperty("sha256").GetString().Should().HaveLength(64);
        dump.GetProperty("listening").GetProperty("public").GetString().Should().Be(_gateway.Url().ToString());
        var configuration = dump.GetProperty("configuration");
        configuration.GetProperty("clusters")[0].GetProperty("load_balancing").GetString().Should().Be("RoundRobin");
        configuration.GetProperty("listeners")[0].GetProperty("routes")[0].GetProperty("match").GetProperty("path").GetString().Should().Be("/api");
    }

    [Fact]
    public async Task UnknownPage_Answers404()
    {
        using var response = await _gateway.Client.GetAsync(new Uri(_gateway.Admin, "/nope"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("""^(# (HELP|TYPE) [a-z_:]+ .+|[a-z_:][a-z0-9_:]*(\{([a-z_]+="([^"\\]|\\.)*",?)+\})? -?[0-9.e+Inf]+)$""")]
    private static partial Regex SampleOrComment();
}
